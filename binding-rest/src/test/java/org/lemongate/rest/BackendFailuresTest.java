package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.rest.ProblemAssertions.assertProblem;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.lemongate.mapping.imap.BackendSettings;
import org.lemongate.mapping.imap.ImapGateway;

/** A mail server that is down or silent is a retryable 503 or 504 with Retry-After, never a hang. */
class BackendFailuresTest {

    @Test
    void refusedConnectionIsServiceUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        HttpResponse<String> response = callThrough(closedPort);
        assertProblem(response, 503, "backend-unavailable");
        assertTrue(Integer.parseInt(response.headers().firstValue("Retry-After").orElseThrow()) >= 1);
    }

    @Test
    void silentServerIsAGatewayTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // accept, never greet
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long start = System.nanoTime();
            HttpResponse<String> response = callThrough(silent.getLocalPort());
            assertProblem(response, 504, "backend-timeout");
            assertTrue(response.headers().firstValue("Retry-After").isPresent());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "answered within the timeouts");
        }
    }

    private static HttpResponse<String> callThrough(int imapPort) throws Exception {
        BackendSettings settings = BackendSettings.defaults(URI.create("imap://127.0.0.1:" + imapPort),
                        Optional.empty())
                .withStartTls(BackendSettings.StartTls.OFF)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));
        try (ImapGateway gateway = ImapGateway.start(settings); RestServer server = RestServer.start(gateway)) {
            Http http = new Http(server);
            return http.send(http.request("api/v1/mailboxes", "ann", "secret"));
        }
    }
}
