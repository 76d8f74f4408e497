package org.lemongate.webdav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lemongate.mapping.MailException;

class DavPathTest {

    @Test
    void decodesPercentEncodedUtf8AndNormalisesToNfc() {
        // "Été" as Finder sends it: E + combining acute (NFD), percent-encoded.
        DavPath p = DavPath.parse("/Archive/E%CC%81te%CC%81%202026/");

        assertEquals(List.of("Archive", "\u00C9t\u00E9 2026"), p.segments());
    }

    @Test
    void encodesEverythingButUnreservedCharacters() {
        DavPath p = new DavPath(List.of("Q3 #1 50% & \"x\"", "\u00C9t\u00E9"));

        assertEquals("/Q3%20%231%2050%25%20%26%20%22x%22/%C3%89t%C3%A9/", p.encoded(true));
        assertEquals("/Q3%20%231%2050%25%20%26%20%22x%22/%C3%89t%C3%A9", p.encoded(false));
    }

    @Test
    void roundTripsNamesWithReservedCharacters() {
        DavPath p = new DavPath(List.of("a#b", "c%d", "e f", "g&h", "i'j", "k+l", "\uD83D\uDCE7"));

        assertEquals(p, DavPath.parse(p.encoded(false)));
    }

    @Test
    void theRootHasNoSegmentsWithOrWithoutSlash() {
        assertTrue(DavPath.parse("/").isRoot());
        assertTrue(DavPath.parse("").isRoot());
        assertEquals("/", DavPath.ROOT.encoded(false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/..", "/a/../b", "/%2e%2e/x", "/a/%2E", "/a%2Fb", "/a%2fb", "/%C0%AE%C0%AE",
            "/a%00b", "/a%0Ab", "/%ZZ", "/%4", "/a//b", "relative", "/%FF"})
    void refusesTraversalEncodedSlashesControlsAndMalformedEscapes(String raw) {
        MailException.InvalidInput e = assertThrows(MailException.InvalidInput.class, () -> DavPath.parse(raw));
        assertEquals("path", e.field());
    }

    @Test
    void refusesOverlongPaths() {
        assertThrows(MailException.InvalidInput.class, () -> DavPath.parse("/" + "a".repeat(DavPath.MAX_RAW_LENGTH)));
    }
}
