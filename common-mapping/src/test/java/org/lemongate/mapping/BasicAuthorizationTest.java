package org.lemongate.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.mapping.contract.MailAssertions.assertFails;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BasicAuthorizationTest {

    @Test
    void readsUtf8Credentials() {
        Credentials c = BasicAuthorization.parse(basic("jürgen", "pässword:with:colons", StandardCharsets.UTF_8),
                "127.0.0.5").orElseThrow();
        assertEquals("jürgen", c.user());
        assertEquals("pässword:with:colons", c.secret(), "only the first colon separates");
        assertEquals(Credentials.Kind.PASSWORD, c.kind());
        assertEquals("127.0.0.5", c.clientAddress());
    }

    @Test
    void fallsBackToIso88591ForOldClients() {
        Credentials c = BasicAuthorization.parse(basic("jürgen", "pässword", StandardCharsets.ISO_8859_1), "")
                .orElseThrow();
        assertEquals("jürgen", c.user());
        assertEquals("pässword", c.secret());
    }

    @Test
    void schemeIsCaseInsensitiveAndSpacesAreTolerated() {
        String token = Base64.getEncoder().encodeToString("ann:pw".getBytes(StandardCharsets.UTF_8));
        assertEquals("ann", BasicAuthorization.parse("bAsIc " + token, "").orElseThrow().user());
        assertEquals("pw", BasicAuthorization.parse("  Basic   " + token + "  ", "").orElseThrow().secret());
    }

    @Test
    void noHeaderMeansNoCredentials() {
        assertEquals(Optional.empty(), BasicAuthorization.parse(null, ""));
        assertEquals(Optional.empty(), BasicAuthorization.parse("   ", ""));
    }

    @Test
    void challengeNamesRealmAndCharset() {
        assertTrue(BasicAuthorization.CHALLENGE.startsWith("Basic realm=\"Lemongate\""));
        assertTrue(BasicAuthorization.CHALLENGE.contains("charset=\"UTF-8\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic", "Basic !!!notbase64", "Basic " + "YW5u" /* "ann", no colon */,
            "Basic " + "OnB3" /* ":pw", empty user */, "Basic " + "YW5uOg==" /* "ann:", empty password */,
            "Digest username=\"ann\"", "Bearer abc.def", "Negotiate YII="})
    void refusesMalformedOrUnsupportedHeaders(String header) {
        assertFails(MailException.AuthFailed.class, () -> BasicAuthorization.parse(header, ""));
    }

    @Test
    void refusesOverlongHeaders() {
        assertFails(MailException.AuthFailed.class, () -> BasicAuthorization.parse("Basic " + "A".repeat(9000), ""));
    }

    @Test
    void refusesCredentialsWithLineBreaks() {
        String header = basic("ann", "pw\r\nA1 LOGOUT", StandardCharsets.UTF_8);
        assertFails(MailException.AuthFailed.class, () -> BasicAuthorization.parse(header, ""));
    }

    private static String basic(String user, String password, Charset charset) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(charset));
    }
}
