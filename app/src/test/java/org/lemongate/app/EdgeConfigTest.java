package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The keys of trusted proxies, public URL, credentials, origins and HTTPS: parsing, defaults and refusals. */
class EdgeConfigTest {

    private static GatewayConfig load(Map<String, String> env, String... args) {
        return ConfigLoader.forCommandLine(CommandLine.parse(args), env);
    }

    @Test
    void defaultsTrustNobodyAndAllowPlainCredentialsFromLoopbackOnly() {
        GatewayConfig config = load(Map.of());
        assertEquals(TrustedProxies.NONE, config.edge().trustedProxies());
        assertFalse(config.edge().trustedProxies().trusts("127.0.0.1"));
        assertEquals(Optional.empty(), config.edge().publicUrl());
        assertEquals(CredentialsPolicy.ALLOW_LOOPBACK, config.edge().insecureCredentials());
        assertEquals(Set.of(), config.edge().allowedOrigins());
        assertFalse(config.tls().enabled());
    }

    @Test
    void trustedProxiesTakeAddressesAndCidrBlocksOfBothFamilies() {
        TrustedProxies proxies = load(Map.of("LEMONGATE_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8,2001:db8::/32"))
                .edge().trustedProxies();
        assertTrue(proxies.trusts("127.0.0.1"));
        assertFalse(proxies.trusts("127.0.0.2"));
        assertTrue(proxies.trusts("10.200.3.4"));
        assertFalse(proxies.trusts("11.0.0.1"));
        assertTrue(proxies.trusts("2001:db8:ffff::1"));
        assertTrue(proxies.trusts("[2001:db8::7]"));
        assertFalse(proxies.trusts("2001:db9::1"));
        assertFalse(proxies.trusts("localhost"), "names are never resolved");
        assertTrue(AddressRange.parse("192.168.1.0/23").contains("192.168.0.255"));
        assertFalse(AddressRange.parse("192.168.1.0/24").contains("192.168.0.255"));
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        String[][] bad = {
            {"--trusted-proxies", "10.0.0.0/33"}, {"--trusted-proxies", "proxy.example.com"},
            {"--trusted-proxies", "10.0.0.1,,10.0.0.2"}, {"--public-url", "ftp://mail.example.com/"},
            {"--public-url", "https://user@mail.example.com/"}, {"--public-url", "https://mail.example.com/a/../b"},
            {"--insecure-credentials", "sometimes"}, {"--allowed-origins", "https://webmail.example.com/path"},
            {"--http-redirect-port", "8080"}, {"--tls-cert", "/etc/cert.pem"},
            {"--tls-keystore", "/etc/ks.p12"}};
        for (String[] args : bad) {
            ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), args), args[1]);
            String key = args[0].substring(2);
            assertTrue(e.getMessage().contains(key) || e.getMessage().contains(key.replace("-port", "")),
                    e.getMessage());
        }
    }

    @Test
    void thePublicUrlIsNormalised() {
        PublicUrl url = load(Map.of(), "--public-url", "HTTPS://Mail.Example.com/gw/").edge().publicUrl().orElseThrow();
        assertEquals(new PublicUrl("https", "mail.example.com", 443, "/gw"), url);
        assertEquals("https://mail.example.com", url.origin());
        assertEquals("https://mail.example.com:8443/", PublicUrl.parse("https://mail.example.com:8443").toString());
    }

    @Test
    void theKeyStorePasswordIsNeverPrinted() {
        GatewayConfig config = load(Map.of("LEMONGATE_TLS_KEYSTORE_PASSWORD", "ks-Secret-42"),
                "--tls-keystore", "/etc/lemongate/server.p12");
        assertTrue(config.tls().enabled());
        assertFalse(config.toString().contains("ks-Secret-42"), config.toString());
        assertTrue(HelpText.render().contains("--tls-keystore-password SECRET"));
    }
}
