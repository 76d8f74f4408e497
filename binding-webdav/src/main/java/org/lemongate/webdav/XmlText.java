package org.lemongate.webdav;

/** Escaping of character data written straight into an XML answer, without a DOM serializer in between. */
final class XmlText {

    private XmlText() {
    }

    /**
     * {@code text} as XML 1.0 character data: markup characters escaped, a carriage return kept as a character
     * reference (a parser would fold a literal one into a line feed), and characters XML 1.0 cannot carry at all
     * (other C0 controls, unpaired surrogates, U+FFFE/U+FFFF) replaced by U+FFFD so the document stays well-formed.
     */
    static void append(StringBuilder out, String text) {
        append(out, text, false);
    }

    /** {@code text} as the value of a double-quoted attribute: {@link #append} and the quote escaped as well. */
    static void appendAttribute(StringBuilder out, String text) {
        append(out, text, true);
    }

    private static void append(StringBuilder out, String text, boolean attribute) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r' -> out.append("&#13;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\t', '\n' -> out.append(c);
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
