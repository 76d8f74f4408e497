package org.lemongate.app;

/**
 * A configuration the gateway cannot run with. The message is one line that names the key, where its value came
 * from and what is expected; the command line prints it and exits with status 2.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ConfigException(String message) {
        super(message, null, false, false);
    }
}
