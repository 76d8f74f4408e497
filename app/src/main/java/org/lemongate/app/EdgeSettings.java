package org.lemongate.app;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the gateway meets the network in front of it: which proxies it believes, where users reach it, when it
 * accepts credentials without TLS and which other web origins may write through a user's browser.
 *
 * @param trustedProxies      peers whose forwarding headers are applied
 * @param publicUrl           the URL users reach the gateway at; when set, other hosts are refused
 * @param insecureCredentials when credentials are accepted without TLS
 * @param allowedOrigins      origins besides the gateway's own whose pages may send writes, lower case
 */
record EdgeSettings(TrustedProxies trustedProxies, Optional<PublicUrl> publicUrl,
                    CredentialsPolicy insecureCredentials, Set<String> allowedOrigins) {

    EdgeSettings {
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(insecureCredentials, "insecureCredentials");
        allowedOrigins = Set.copyOf(allowedOrigins);
    }

    /**
     * Parses a comma-separated list of origins such as {@code https://webmail.example.com}.
     *
     * @throws IllegalArgumentException for an entry that is not {@code scheme://host[:port]}
     */
    static Set<String> origins(String list) {
        return Arrays.stream(list.split(",", -1)).map(String::strip).map(o -> {
            String origin = CrossSiteGuard.originOf(o);
            if (origin.equals("unparsable") || !origin.equals(o.toLowerCase(Locale.ROOT).replaceAll("/$", ""))) {
                throw new IllegalArgumentException("'" + o + "' is not an origin such as https://webmail.example.com");
            }
            return origin;
        }).collect(Collectors.toUnmodifiableSet());
    }
}
