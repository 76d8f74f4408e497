package org.lemongate.compare;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.Function;

import org.w3c.dom.Document;

/**
 * SOAP push: a {@code WaitForChanges} long poll always pending, as a client that wants push keeps one; each message
 * {@code added} in a reply is one arrival. It runs on its own connection through the client's relay (so its bytes
 * count), which closing the watch cuts at once rather than waiting out the hold.
 */
final class SoapLongPoll implements PushWatch {

    private static final int HOLD_SECONDS = 25;

    private final HttpTransport http;
    private final Function<String, String> envelope;
    private final Arrivals arrivals = new Arrivals();
    private final Thread poller;
    private volatile boolean stopped;
    private HttpURLConnection pending;
    private String syncState;

    /**
     * @param envelope builds the WaitForChanges envelope for a syncState
     * @param syncState where to start: the folder's state before the first new message
     */
    SoapLongPoll(HttpTransport http, Function<String, String> envelope, String syncState) {
        this.http = http;
        this.envelope = envelope;
        this.syncState = syncState;
        poller = new Thread(this::poll, "soap-long-poll");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        while (!stopped) {
            try {
                Document reply = Xml.parse(waitOnce());
                arrivals.arrived(Xml.all(reply, "added").size());
                syncState = Xml.text(reply, "syncState");
            } catch (IOException e) {
                // Cut by close(), or the gateway refused: either way no more arrivals; the step reports the wait.
                return;
            }
        }
    }

    private byte[] waitOnce() throws IOException {
        HttpURLConnection c = http.openThroughRelay("soap/mail");
        byte[] body = envelope.apply("<m:syncState>" + Xml.escape(syncState) + "</m:syncState><m:maxWaitSeconds>"
                + HOLD_SECONDS + "</m:maxWaitSeconds>").getBytes(StandardCharsets.UTF_8);
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(body.length);
        c.setReadTimeout((HOLD_SECONDS + 15) * 1000);
        c.setRequestProperty("Content-Type", "text/xml; charset=UTF-8");
        c.setRequestProperty("SOAPAction", "\"" + SoapClient.NS + "#WaitForChanges\"");
        // Connected under the lock, so that close() either comes first and is seen here, or finds a connected
        // socket to cut.
        synchronized (this) {
            if (stopped) {
                throw new IOException("stopped");
            }
            c.connect();
            pending = c;
        }
        try (OutputStream out = c.getOutputStream()) {
            out.write(body);
        }
        if (c.getResponseCode() != HttpURLConnection.HTTP_OK) {
            throw new IOException("WaitForChanges answered " + c.getResponseCode());
        }
        try (InputStream in = c.getInputStream()) {
            return in.readAllBytes();
        }
    }

    @Override
    public OptionalLong awaitNext(Duration timeout) throws InterruptedException {
        return arrivals.next(timeout);
    }

    @Override
    public void close() {
        synchronized (this) {
            stopped = true;
            if (pending != null) {
                pending.disconnect();
            }
        }
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
