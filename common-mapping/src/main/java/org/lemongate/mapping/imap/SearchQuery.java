package org.lemongate.mapping.imap;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.eclipse.angus.mail.iap.Argument;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.Keyword;
import org.lemongate.mapping.SearchCriteria;
import org.lemongate.mapping.SystemFlag;

/**
 * Writes {@link SearchCriteria} as IMAP SEARCH keys (RFC 9051 section 6.4.4). Strings go out as quoted strings or
 * literals, never spliced into the command line, so no criterion can inject a command.
 */
final class SearchQuery {

    private static final DateTimeFormatter IMAP_DATE = DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ENGLISH);

    private SearchQuery() {
    }

    /** The search keys; {@code ALL} when there is no condition. */
    static Argument keys(SearchCriteria c) {
        Argument a = new Argument();
        int n = 0;
        n += text(a, "TEXT", c.text().orElse(null));
        n += text(a, "FROM", c.from().orElse(null));
        n += text(a, "TO", c.to().orElse(null));
        n += text(a, "SUBJECT", c.subject().orElse(null));
        if (c.since().isPresent()) {
            a.writeAtom("SINCE").writeAtom(day(c.since().get()));
            n++;
        }
        if (c.before().isPresent()) {
            a.writeAtom("BEFORE").writeAtom(dayAfterUnlessMidnight(c.before().get()));
            n++;
        }
        n += flags(a, c.withFlags(), true);
        n += flags(a, c.withoutFlags(), false);
        if (c.minSize().isPresent() && c.minSize().getAsLong() > 0) {
            a.writeAtom("LARGER").writeNumber(c.minSize().getAsLong() - 1);
            n++;
        }
        if (c.maxSize().isPresent()) {
            a.writeAtom("SMALLER").writeNumber(c.maxSize().getAsLong() + 1);
            n++;
        }
        if (n == 0) {
            a.writeAtom("ALL");
        }
        return a;
    }

    /** Whether the keys need {@code CHARSET UTF-8}. */
    static boolean needsUtf8(SearchCriteria c) {
        return !ascii(c.text().orElse("")) || !ascii(c.from().orElse("")) || !ascii(c.to().orElse(""))
                || !ascii(c.subject().orElse(""));
    }

    private static boolean ascii(String s) {
        return s.chars().allMatch(ch -> ch < 0x80);
    }

    private static int text(Argument a, String key, String value) {
        if (value == null) {
            return 0;
        }
        a.writeAtom(key).writeString(value, StandardCharsets.UTF_8);
        return 1;
    }

    private static int flags(Argument a, Flags flags, boolean present) {
        int n = 0;
        for (SystemFlag f : flags.system()) {
            a.writeAtom((present ? "" : "UN") + f.name());
            n++;
        }
        for (Keyword k : flags.keywords()) {
            a.writeAtom(present ? "KEYWORD" : "UNKEYWORD").writeAtom(k.name());
            n++;
        }
        return n;
    }

    private static String day(Instant t) {
        return IMAP_DATE.format(LocalDate.ofInstant(t, ZoneOffset.UTC));
    }

    /** IMAP BEFORE compares whole days: an instant within a day must keep that day's messages in. */
    private static String dayAfterUnlessMidnight(Instant t) {
        LocalDate d = LocalDate.ofInstant(t, ZoneOffset.UTC);
        boolean midnight = t.equals(d.atStartOfDay(ZoneOffset.UTC).toInstant());
        return IMAP_DATE.format(midnight ? d : d.plusDays(1));
    }
}
