package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/** Reading RFC 7239 and X-Forwarded-* headers, and finding the client behind a chain of proxies. */
class ForwardingTest {

    private static final TrustedProxies PROXIES = TrustedProxies.parse("10.0.0.0/8");

    /** Header lookup over one value per header name. */
    private static Function<String, List<String>> headers(Map<String, String> headers) {
        return name -> headers.containsKey(name) ? List.of(headers.get(name)) : List.of();
    }

    @Test
    void forwardedGivesSchemeHostPortFromTheFirstElementAndTheClientFromTheRight() {
        Forwarding f = Forwarding.of(headers(Map.of("forwarded",
                "for=203.0.113.9;proto=https;host=\"mail.example.com:8443\", for=\"[2001:db8::1]:4711\", "
                        + "for=10.1.1.1;proto=http", "x-forwarded-prefix", "/gw/")));
        assertEquals(Optional.of("https"), f.proto());
        assertEquals(Optional.of("mail.example.com"), f.host());
        assertEquals(Optional.of(8443), f.port());
        assertEquals(Optional.of("/gw"), f.prefix());
        assertEquals(Optional.of("2001:db8::1"), f.client(PROXIES), "10.1.1.1 is a trusted proxy, skipped");
    }

    @Test
    void xForwardedHeadersAreReadWhenThereIsNoForwarded() {
        Forwarding f = Forwarding.of(headers(Map.of("x-forwarded-for", "198.51.100.1, 198.51.100.2:5555, 10.0.0.9",
                "x-forwarded-proto", "https, http", "x-forwarded-host", "Mail.Example.com", "x-forwarded-port", "443")));
        assertEquals(Optional.of("198.51.100.2"), f.client(PROXIES));
        assertEquals(Optional.of("https"), f.proto());
        assertEquals(Optional.of("mail.example.com"), f.host());
        assertEquals(Optional.of(443), f.port());
    }

    @Test
    void anObfuscatedOrUnknownHopLeavesTheClientUnnamed() {
        assertEquals(Optional.empty(), Forwarding.of(headers(Map.of("forwarded", "for=_hidden, for=10.0.0.2")))
                .client(PROXIES));
        assertEquals(Optional.empty(), Forwarding.of(headers(Map.of("forwarded", "for=unknown"))).client(PROXIES));
    }

    @Test
    void malformedValuesAreRefused() {
        List<Map<String, String>> bad = List.of(Map.of("forwarded", "for=\"1.2.3.4"), Map.of("forwarded", "proto"),
                Map.of("x-forwarded-proto", "gopher"), Map.of("x-forwarded-host", "evil.example/path"),
                Map.of("x-forwarded-host", "a b"), Map.of("x-forwarded-port", "70000"),
                Map.of("x-forwarded-prefix", "/gw/../admin"), Map.of("x-forwarded-prefix", "gw"));
        for (Map<String, String> headers : bad) {
            assertThrows(IllegalArgumentException.class, () -> Forwarding.of(headers(headers)), headers.toString());
        }
    }
}
