package org.lemongate.mapping.contract;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** IMAP's modified UTF-7 for mailbox names (RFC 3501 section 5.1.3), the test client's own independent encoder. */
final class ModifiedUtf7 {

    private ModifiedUtf7() {
    }

    static String encode(String name) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                out.append(c == '&' ? "&-" : String.valueOf(c));
                i++;
                continue;
            }
            int end = i;
            while (end < name.length() && (name.charAt(end) < 0x20 || name.charAt(end) > 0x7e)) {
                end++;
            }
            byte[] utf16 = name.substring(i, end).getBytes(StandardCharsets.UTF_16BE);
            out.append('&').append(Base64.getEncoder().withoutPadding().encodeToString(utf16).replace('/', ','))
                    .append('-');
            i = end;
        }
        return out.toString();
    }
}
