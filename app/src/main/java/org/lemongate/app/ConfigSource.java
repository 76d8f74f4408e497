package org.lemongate.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

import jakarta.servlet.ServletContext;

/**
 * One place configuration values come from, named so that an error can say where a bad value was set.
 *
 * @param name   e.g. {@code --port}-style flags, {@code the environment}, {@code gateway.properties}
 * @param lookup the raw value of a key in this source, or null
 * @param label  how a key is spelled in this source, for error messages
 */
record ConfigSource(String name, Function<ConfigKey, String> lookup, Function<ConfigKey, String> label) {

    /** The raw value of {@code key}, when this source sets it. */
    Optional<String> get(ConfigKey key) {
        return Optional.ofNullable(lookup.apply(key));
    }

    /** Flags given on the command line, keyed by their {@link ConfigKey}. */
    static ConfigSource commandLine(Map<ConfigKey, String> flags) {
        return new ConfigSource("the command line", flags::get, k -> "--" + k.key());
    }

    /** {@code LEMONGATE_*} environment variables. */
    static ConfigSource environment(Map<String, String> env) {
        return new ConfigSource("the environment", k -> env.get(k.environmentVariable()),
                ConfigKey::environmentVariable);
    }

    /** {@code lemongate.*} context parameters of a deployed WAR. */
    static ConfigSource servletContext(ServletContext ctx) {
        return new ConfigSource("the servlet context", k -> ctx.getInitParameter(k.contextParameter()),
                ConfigKey::contextParameter);
    }

    /**
     * A properties file (UTF-8) with the keys as names, e.g. {@code imap=imaps://mail.example.org}. Unknown keys are
     * refused: a typo would otherwise be silently ignored.
     */
    static ConfigSource propertiesFile(Path file) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new ConfigException("cannot read the configuration file " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("the configuration file " + file + " is not a valid properties file: "
                    + e.getMessage());
        }
        for (String name : props.stringPropertyNames()) {
            if (ConfigKey.byKey(name).isEmpty()) {
                throw new ConfigException("unknown key '" + name + "' in " + file + " (see --help for the keys)");
            }
        }
        return new ConfigSource(file.toString(), k -> props.getProperty(k.key()), ConfigKey::key);
    }
}
