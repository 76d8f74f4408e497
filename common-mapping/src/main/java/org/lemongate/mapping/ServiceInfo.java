package org.lemongate.mapping;

import java.util.Objects;
import java.util.Set;

/**
 * What the gateway and its IMAP server can do for this user.
 *
 * @param gatewayVersion     Lemongate's version
 * @param serverCapabilities the IMAP server's capabilities after login, upper case (e.g. {@code MOVE},
 *                           {@code CONDSTORE}, {@code SPECIAL-USE})
 * @param limits             the limits the gateway enforces
 * @param submission         whether message submission (SMTP) is configured
 */
public record ServiceInfo(String gatewayVersion, Set<String> serverCapabilities, Limits limits, boolean submission) {

    public ServiceInfo {
        Objects.requireNonNull(gatewayVersion, "gatewayVersion");
        serverCapabilities = Set.copyOf(serverCapabilities);
        Objects.requireNonNull(limits, "limits");
    }

    /** Whether the IMAP server announced the capability. */
    public boolean has(String capability) {
        return serverCapabilities.contains(capability.toUpperCase(java.util.Locale.ROOT));
    }
}
