package org.lemongate.testsupport;

/** Escapes text for XML attribute values and content in the configuration files the servers are given. */
final class XmlText {

    private XmlText() {
    }

    /**
     * The text with markup characters escaped; line breaks and tabs as character references, so an attribute value
     * keeps them instead of having them normalised to spaces.
     *
     * @throws IllegalArgumentException for characters XML 1.0 cannot carry at all
     */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                case '\t', '\n', '\r' -> escaped.append("&#").append(c).append(';');
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        throw new IllegalArgumentException("XML cannot carry the character U+"
                                + String.format("%04X", c));
                    }
                    escaped.appendCodePoint(c);
                }
            }
        });
        return escaped.toString();
    }
}
