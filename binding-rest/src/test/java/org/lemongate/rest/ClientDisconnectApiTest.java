package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.SpooledMessage;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * A client that drops its connection in the middle of a large download (a phone losing signal, the comparison
 * harness cutting a download to resume it) is the client's business: one debug line, no error with a stack trace.
 */
class ClientDisconnectApiTest extends LiveApi {

    private static final int ATTACHMENT_BYTES = 1_200_000;

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger download = (Logger) LoggerFactory.getLogger(Download.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private Level downloadLevel;

    @BeforeEach
    void capture() {
        events.start();
        root.addAppender(events);
        downloadLevel = download.getLevel();
        download.setLevel(Level.DEBUG);
    }

    @AfterEach
    void release() {
        root.detachAppender(events);
        download.setLevel(downloadLevel);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/raw", "/parts/2"})
    void aDownloadCutByTheClientIsOneDebugLine(String content) throws Exception {
        User ann = newUser();
        String id = deliverLarge(ann);
        URI uri = server.uri("api/v1/messages/" + id + content);
        try (Socket socket = new Socket()) {
            // A small window, so that the gateway is still writing when the connection goes.
            socket.setReceiveBufferSize(16 * 1024);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getRawAuthority()
                    + "\r\nAuthorization: Basic " + Base64.getEncoder().encodeToString((ann.name() + ":" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8)) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            assertTrue(in.readNBytes(64 * 1024).length == 64 * 1024, "the download started");
            socket.setSoLinger(true, 0); // a reset, as a phone that loses signal leaves behind
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (disconnects().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        // Anything the runtime would log about the broken response comes right after the body gives up.
        Thread.sleep(1_000);
        assertEquals(1, disconnects().size(), () -> "debug lines: " + events.list);
        assertEquals(List.of(), events.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage).toList());
    }

    private List<ILoggingEvent> disconnects() {
        return events.list.stream().filter(e -> e.getLevel() == Level.DEBUG
                && e.getFormattedMessage().startsWith("the client's connection failed")).toList();
    }

    /** A message with an attachment far larger than any socket buffer, so the cut happens while it streams. */
    private static String deliverLarge(User user) throws Exception {
        byte[] data = new byte[ATTACHMENT_BYTES];
        new Random(7).nextBytes(data);
        String eml = "From: " + user.name() + "@example.org\r\nTo: " + user.name() + "@example.org\r\n"
                + "Subject: large\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--b\r\nContent-Type: application/octet-stream"
                + "\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=big.bin\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(data) + "\r\n--b--\r\n";
        try (SpooledMessage message = SpooledMessage.of(eml.getBytes(StandardCharsets.US_ASCII))) {
            user.direct().append(MailboxName.INBOX, message, Flags.NONE, Optional.empty());
        }
        return http.json(user.request("api/v1/messages?mailbox=INBOX"), 200).path("items").get(0).path("id")
                .asText();
    }
}
