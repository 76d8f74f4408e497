package org.lemongate.mapping;

/** Checks shared by the value types: no control characters may ever reach an IMAP or SMTP command line. */
final class Text {
    private Text() {
    }

    /**
     * Returns {@code value} if it is non-null, at most {@code max} characters long and free of C0 controls and DEL.
     *
     * @throws MailException.InvalidInput naming {@code field} otherwise
     */
    static String clean(String field, String value, int max) {
        if (value == null) {
            throw new MailException.InvalidInput(field, field + " is missing");
        }
        if (value.length() > max) {
            throw new MailException.InvalidInput(field,
                    field + " is " + value.length() + " characters long; at most " + max + " are allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new MailException.InvalidInput(field, field + " contains a control character ("
                        + describe(c) + ") at position " + i + "; CR, LF, NUL and other controls are not allowed");
            }
        }
        return value;
    }

    private static String describe(char c) {
        return switch (c) {
            case '\r' -> "CR";
            case '\n' -> "LF";
            case 0 -> "NUL";
            case '\t' -> "TAB";
            default -> String.format("U+%04X", (int) c);
        };
    }
}
