package org.lemongate.webdav;

import java.text.Normalizer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.OptionalLong;

import org.lemongate.mapping.MessageSummary;

/**
 * The file name of a message in its folder: {@code <arrival date> <subject> [<uid>].eml}, for example
 * {@code 2026-11-30 Quarterly figures [4711].eml}.
 *
 * <ul>
 *   <li>Readable: the arrival day (UTC) sorts files by time in any file manager, then the subject.</li>
 *   <li>Stable: arrival time, subject and UID never change while the message exists in the folder.</li>
 *   <li>Unique: the UID is unique within the folder.</li>
 *   <li>Resolvable: the UID is read back from the bracketed suffix; the rest of the name must then match exactly,
 *       so a message has one URL and a mistyped name is a 404, not an alias.</li>
 * </ul>
 *
 * The subject is shortened to {@value #MAX_SUBJECT} characters and the characters Windows forbids in file names
 * ({@code \ / : * ? " < > |}) and control characters become {@code _}, so that every desktop client can store the
 * file under the same name.
 */
final class MessageNames {

    /** Longest subject part of a name, in characters. */
    static final int MAX_SUBJECT = 80;
    /** The extension of every message file. */
    static final String EXTENSION = ".eml";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final String NO_SUBJECT = "(no subject)";
    private static final String FORBIDDEN = "\\/:*?\"<>|";

    private MessageNames() {
    }

    /** The file name of the message. */
    static String name(MessageSummary message) {
        return DAY.format(message.receivedDate()) + " " + subjectPart(message.subject())
                + " [" + message.ref().uid() + "]" + EXTENSION;
    }

    /** The UID named by a file name of this scheme, or empty when the name is not of this scheme. */
    static OptionalLong uid(String name) {
        if (!name.endsWith("]" + EXTENSION)) {
            return OptionalLong.empty();
        }
        int close = name.length() - EXTENSION.length() - 1;
        int open = name.lastIndexOf('[', close);
        String digits = open < 0 ? "" : name.substring(open + 1, close);
        if (digits.isEmpty() || digits.length() > 10 || digits.charAt(0) == '0'
                || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        long uid = Long.parseLong(digits);
        return uid > 0xFFFF_FFFFL ? OptionalLong.empty() : OptionalLong.of(uid);
    }

    private static String subjectPart(String subject) {
        String s = Normalizer.normalize(subject, Normalizer.Form.NFC).strip();
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_SUBJECT));
        boolean space = false;
        for (int i = 0; i < s.length() && sb.length() < MAX_SUBJECT; i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
                continue;
            }
            if (space && sb.length() > 0) {
                sb.append(' ');
            }
            space = false;
            if (Character.isHighSurrogate(c) && sb.length() == MAX_SUBJECT - 1) {
                break;
            }
            sb.append(c < 0x20 || c == 0x7f || FORBIDDEN.indexOf(c) >= 0 ? '_' : c);
        }
        return sb.length() == 0 ? NO_SUBJECT : sb.toString();
    }
}
