package org.lemongate.bench;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

/** The benchmark mailbox: reproducible messages of realistic sizes, made on the fly (seeded random). */
final class Corpus {

    private static final String WORDS = "mail gateway report meeting invoice travel lemon budget review draft "
            + "schedule quarter release build server client network phone summary ";

    private final Session session = Session.getInstance(new java.util.Properties());
    private final Random random = new Random(20261130L);

    /** {@code count} text messages of 2 to 50 KB, dated a minute apart, oldest first. */
    List<Message> ordinary(int count) throws MessagingException {
        List<Message> out = new ArrayList<>(count);
        long start = System.currentTimeMillis() - count * 60_000L;
        for (int i = 0; i < count; i++) {
            out.add(text("Message " + i + " about " + words(4), 2_000 + random.nextInt(48_000),
                    new Date(start + i * 60_000L)));
        }
        return out;
    }

    /** A plain-text message of about {@code bytes} bytes. */
    Message text(String subject, int bytes, Date date) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("sender@example.org", false));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("bench@example.org", false));
        m.setSubject(subject, "UTF-8");
        m.setSentDate(date);
        m.setText(body(bytes), "UTF-8");
        m.saveChanges();
        return m;
    }

    /** A message with a short text and one binary attachment of exactly {@code bytes} bytes (part 2). */
    Message withAttachment(int bytes) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("sender@example.org", false));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("bench@example.org", false));
        m.setSubject("Large attachment", "UTF-8");
        m.setSentDate(new Date());
        MimeBodyPart text = new MimeBodyPart();
        text.setText("See the attached file.", "UTF-8");
        MimeBodyPart file = new MimeBodyPart();
        byte[] data = new byte[bytes];
        random.nextBytes(data);
        file.setDataHandler(new DataHandler(new ByteArrayDataSource(data, "application/octet-stream")));
        file.setFileName("large.bin");
        file.setDisposition(MimeBodyPart.ATTACHMENT);
        MimeMultipart mp = new MimeMultipart();
        mp.addBodyPart(text);
        mp.addBodyPart(file);
        m.setContent(mp);
        m.saveChanges();
        return m;
    }

    private String body(int bytes) {
        StringBuilder b = new StringBuilder(bytes + 100);
        int line = 0;
        while (b.length() < bytes) {
            b.append(words(1));
            if (++line % 12 == 0) {
                b.append("\r\n");
            }
        }
        return b.toString();
    }

    private String words(int n) {
        String[] all = WORDS.trim().split(" ");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(all[random.nextInt(all.length)]).append(' ');
        }
        return b.toString();
    }
}
