package org.lemongate.mapping.imap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.base.GreenMailOperations;

import org.lemongate.mapping.MailGateway;
import org.lemongate.mapping.contract.MailBackend;

/**
 * What the contract's backends share: the gateway started with the test settings, and a GreenMail that receives
 * submissions.
 */
abstract class GatewayUnderTest implements MailBackend, AutoCloseable {

    private final GreenMailOperations smtp;
    private final BackendSettings settings;
    private final ImapGateway gateway;

    GatewayUnderTest(GreenMailOperations smtp, BackendSettings settings) {
        this.smtp = smtp;
        this.settings = settings;
        this.gateway = ImapGateway.start(settings);
    }

    /** A client address per test user, so that the limiter's per-address count never crosses tests. */
    static String clientAddress(int n) {
        return "127.1." + (n / 250) + "." + (n % 250 + 1);
    }

    @Override
    public MailGateway gateway() {
        return gateway;
    }

    @Override
    public BackendSettings settings() {
        return settings;
    }

    @Override
    public List<String> deliveredTo(String address) {
        return smtp.findReceivedMessages(u -> u.getEmail().equalsIgnoreCase(address), m -> true)
                .map(GatewayUnderTest::raw).toList();
    }

    private static String raw(MimeMessage message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        gateway.close();
    }
}
