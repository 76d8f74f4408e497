package org.lemongate.compare;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;

/**
 * Generated, realistic mail for the workload's mailbox: plain-text conversations of varying length, one in ten with
 * a small attachment, and one message with the large attachment. Deterministic for a seed, so runs are comparable.
 * Every message carries {@code X-Lemongate-Compare: <run>} so that cleanup finds exactly what the run made.
 */
final class SampleMessages {

    static final String HEADER = "X-Lemongate-Compare";
    static final String LARGE_SUBJECT = "Site survey photos (large attachment)";
    private static final String[] PEOPLE = {"Ann Lemon", "Bob Baker", "Carol Chen", "Dmitri Ivanov", "Eve Okafor",
        "François Dupont", "Grace Hopper", "Hiro Tanaka", "Inés García", "Jamal Bakr"};
    private static final String[] TOPICS = {"Quarterly figures", "Lunch on Friday?", "Re: contract draft",
        "Build failed on main", "Invoice 2026-%d", "Travel plans for the offsite", "Fwd: customer feedback",
        "Minutes of the weekly meeting", "Holiday rota", "Re: Re: printer on the 3rd floor", "Été 2026 schedule",
        "Release notes v%d", "Question about your order #%d", "Welcome aboard!", "Security review follow-up"};
    private static final String[] WORDS = ("the a of to and in for on with as by at from this that we you it be are "
            + "was will can should would project team meeting report review draft customer budget plan release "
            + "schedule deadline update issue question answer attached please thanks regards next week today "
            + "tomorrow office server mailbox gateway figures numbers results summary proposal").split(" ");
    private static final DateTimeFormatter RFC_5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
            Locale.ROOT);

    private final String run;
    private final String recipient;
    private final Random random;
    private final ZonedDateTime newest = ZonedDateTime.of(2026, 11, 30, 9, 0, 0, 0, ZoneOffset.UTC);

    SampleMessages(String run, String recipient, long seed) {
        this.run = run;
        this.recipient = recipient;
        this.random = new Random(seed);
    }

    /** The n-th ordinary message: text, sometimes with a small attachment. */
    byte[] ordinary(int n) {
        String topic = String.format(TOPICS[random.nextInt(TOPICS.length)], 100 + n);
        String body = paragraphs(1 + random.nextInt(6));
        if (random.nextInt(10) != 0) {
            return single(n, topic, body);
        }
        byte[] attachment = new byte[8_000 + random.nextInt(60_000)];
        random.nextBytes(attachment);
        return multipart(n, topic, body, "notes-" + n + ".pdf", "application/pdf", attachment);
    }

    /** The message with the large attachment, and the attachment's bytes to check downloads against. */
    Large large(int attachmentBytes) {
        byte[] attachment = new byte[attachmentBytes];
        random.nextBytes(attachment);
        MessageDigest digest = Downloads.sha256();
        digest.update(attachment);
        byte[] message = multipart(0, LARGE_SUBJECT, "The photos from Tuesday's survey are attached.\r\n",
                "survey.zip", "application/zip", attachment);
        return new Large(message, attachmentBytes, Downloads.hex(digest));
    }

    /** A short message to send, addressed to the run's recipient. */
    byte[] outgoing(int n) {
        return single(10_000 + n, "Compare run " + run + ": sent message " + n, paragraphs(1));
    }

    /** A new message arriving during the run, for the push step. */
    byte[] incoming(int n) {
        return single(20_000 + n, "New arrival " + n, paragraphs(1));
    }

    private byte[] single(int n, String subject, String body) {
        return (headers(n, subject) + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] multipart(int n, String subject, String body, String filename, String type, byte[] attachment) {
        String boundary = "=_lemongate_" + run + "_" + n;
        String encoded = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(attachment);
        return (headers(n, subject) + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n"
                + "--" + boundary + "\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n" + body + "\r\n"
                + "--" + boundary + "\r\nContent-Type: " + type + "; name=\"" + filename + "\"\r\n"
                + "Content-Disposition: attachment; filename=\"" + filename + "\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + encoded + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private String headers(int n, String subject) {
        String from = PEOPLE[random.nextInt(PEOPLE.length)];
        String address = from.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", ".") + "@example.org";
        return "From: =?UTF-8?B?" + Base64.getEncoder().encodeToString(from.getBytes(StandardCharsets.UTF_8))
                + "?= <" + address + ">\r\n"
                + "To: <" + recipient + ">\r\n"
                + "Subject: =?UTF-8?B?" + Base64.getEncoder().encodeToString(subject.getBytes(StandardCharsets.UTF_8))
                + "?=\r\n"
                + "Date: " + RFC_5322.format(newest.minusMinutes(37L * n)) + "\r\n"
                + "Message-ID: <" + run + "." + n + "@compare.lemongate.invalid>\r\n"
                + HEADER + ": " + run + "\r\n"
                + "MIME-Version: 1.0\r\n";
    }

    private String paragraphs(int count) {
        StringBuilder b = new StringBuilder();
        for (int p = 0; p < count; p++) {
            int words = 40 + random.nextInt(160);
            int column = 0;
            for (int w = 0; w < words; w++) {
                String word = WORDS[random.nextInt(WORDS.length)];
                if (column + word.length() > 72) {
                    b.append("\r\n");
                    column = 0;
                }
                b.append(word).append(' ');
                column += word.length() + 1;
            }
            b.append(".\r\n\r\n");
        }
        return b.toString();
    }

    /**
     * The large message.
     *
     * @param message         the raw message
     * @param attachmentBytes the decoded attachment's size
     * @param sha256          the decoded attachment's SHA-256 (hex)
     */
    record Large(byte[] message, int attachmentBytes, String sha256) {
    }
}
