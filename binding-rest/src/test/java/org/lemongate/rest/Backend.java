package org.lemongate.rest;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.lemongate.testsupport.DovecotServer;

import com.icegreen.greenmail.junit5.GreenMailExtension;

/** The IMAP server under an API test: where it listens and how a test gets a fresh user on it. */
interface Backend extends AutoCloseable {

    /** The connector's IMAP URL. */
    URI imap();

    /** The SMTP submission URL, when the server takes mail. */
    Optional<URI> smtp();

    /** Whether the server hands out appended messages byte for byte (GreenMail re-serialises them). */
    boolean keepsExactBytes();

    /** Whether IMAP SEARCH TEXT also looks at header fields, as RFC 9051 says (GreenMail's looks at the body only). */
    boolean searchesHeaderText();

    /** A user no other test has used, with an empty inbox. */
    String newUser(String password);

    @Override
    void close();

    /** GreenMail in this JVM: users are created on demand. */
    static Backend greenMail(GreenMailExtension mail) {
        AtomicInteger users = new AtomicInteger();
        return new Backend() {
            @Override
            public URI imap() {
                return URI.create("imap://127.0.0.1:" + mail.getImap().getPort());
            }

            @Override
            public Optional<URI> smtp() {
                return Optional.of(URI.create("smtp://127.0.0.1:" + mail.getSmtp().getPort()));
            }

            @Override
            public boolean keepsExactBytes() {
                return false;
            }

            @Override
            public boolean searchesHeaderText() {
                return false;
            }

            @Override
            public String newUser(String password) {
                String name = "user" + users.incrementAndGet();
                mail.setUser(name + "@example.org", name, password);
                return name;
            }

            @Override
            public void close() {
                // The extension stops GreenMail.
            }
        };
    }

    /** A private Dovecot: it knows its users from the start, so a pool of them is declared up front. */
    static Backend dovecot(String password, int users) {
        return dovecot(password, users, Optional.empty());
    }

    /** The same, with mail submitted to {@code smtp}. */
    static Backend dovecot(String password, int users, Optional<URI> smtp) {
        Map<String, String> accounts = IntStream.rangeClosed(1, users).mapToObj(i -> "user" + i)
                .collect(Collectors.toMap(Function.identity(), u -> password));
        DovecotServer dovecot = DovecotServer.start(accounts);
        AtomicInteger next = new AtomicInteger();
        return new Backend() {
            @Override
            public URI imap() {
                return URI.create(dovecot.imapUrl());
            }

            @Override
            public Optional<URI> smtp() {
                return smtp;
            }

            @Override
            public boolean keepsExactBytes() {
                return true;
            }

            @Override
            public boolean searchesHeaderText() {
                return true;
            }

            @Override
            public String newUser(String password) {
                int n = next.incrementAndGet();
                if (n > users) {
                    throw new IllegalStateException("the Dovecot for this test class has only " + users + " users");
                }
                return "user" + n;
            }

            @Override
            public void close() {
                dovecot.close();
            }
        };
    }
}
