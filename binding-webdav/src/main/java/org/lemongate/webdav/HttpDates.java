package org.lemongate.webdav;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The two date formats WebDAV uses. */
final class HttpDates {

    /**
     * RFC 1123 as HTTP requires it (IMF-fixdate): always a two-digit day, unlike
     * {@link DateTimeFormatter#RFC_1123_DATE_TIME}, which some clients fail to parse.
     */
    private static final DateTimeFormatter RFC_1123 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    /** For {@code getlastmodified} and {@code Last-Modified}, e.g. {@code Mon, 02 Nov 2026 08:05:09 GMT}. */
    static String rfc1123(Instant instant) {
        return RFC_1123.format(instant);
    }

    /** For {@code creationdate} (RFC 3339), e.g. {@code 2026-11-02T08:05:09Z}. */
    static String rfc3339(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
}
