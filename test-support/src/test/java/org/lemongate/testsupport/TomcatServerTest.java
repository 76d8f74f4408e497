package org.lemongate.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TomcatServerTest {

    @TempDir
    Path scratch;

    @Test
    void deploysTheWarWithItsContextParametersStopsAndRestarts() throws IOException {
        String tricky = "imap://127.0.0.1:1143/?a=1&b=\"<2>\"";
        try (TomcatServer tomcat = TomcatServer.builder()
                .war(TestWar.working(scratch), "/demo")
                .contextParameter("imap.url", tricky)
                .contextParameter("origin", "context file")
                .start()) {
            int port = tomcat.port();
            assertEquals("http://127.0.0.1:" + port, tomcat.baseUrl());
            assertEquals(tomcat.baseUrl() + "/demo", tomcat.contextUrl());

            assertEquals(TestWar.PAGE, get(tomcat.contextUrl() + "/index.html").body());
            assertEquals(tricky, get(tomcat.contextUrl() + "/parameter?name=imap.url").body());
            assertEquals("context file", get(tomcat.contextUrl() + "/parameter?name=origin").body(),
                    "the context file's parameter must win over web.xml's");
            assertEquals(404, get(tomcat.contextUrl() + "/parameter?name=unset").status());
            assertTrue(tomcat.logs().contains("Server startup"), tomcat.logs());

            tomcat.stop();

            assertFalse(tomcat.isRunning());
            assertFalse(LoopbackPorts.accepts(port), "HTTP port still open after stop()");

            tomcat.start();

            assertEquals(port, tomcat.port());
            assertEquals(tricky, get(tomcat.contextUrl() + "/parameter?name=imap.url").body());
        }
    }

    @Test
    void servesTheRootContextAndDeletesItsBaseOnClose() throws IOException {
        TomcatServer tomcat = TomcatServer.builder()
                .war(TestWar.working(scratch), "")
                .readyPath("/index.html")
                .start();
        Path base = tomcat.baseDirectory();
        try {
            assertEquals(tomcat.baseUrl(), tomcat.contextUrl());
            assertEquals(TestWar.PAGE, get(tomcat.baseUrl() + "/").body());
            assertTrue(Files.isRegularFile(base.resolve("conf/Catalina/localhost/ROOT.xml")));
        } finally {
            tomcat.close();
        }
        assertFalse(Files.exists(base), base + " still exists after close()");
        assertThrows(IllegalStateException.class, tomcat::start);
    }

    @Test
    void failsFastWithTheLogsWhenTheApplicationCannotStart() throws IOException {
        TomcatServer.requireInstalled();
        long started = System.nanoTime();
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> TomcatServer.builder()
                .war(TestWar.broken(scratch), "/broken")
                .start());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(failure.getMessage().contains("/broken failed to start"), failure.getMessage());
        assertTrue(failure.getMessage().contains("web.xml"), failure.getMessage());
        assertTrue(took.compareTo(Duration.ofSeconds(60)) < 0, "took " + took + " instead of failing fast");
    }

    @Test
    void rejectsBadDeploymentsBeforeStartingAnything() {
        assertThrows(IllegalArgumentException.class,
                () -> TomcatServer.builder().war(scratch.resolve("a.war"), "demo"));
        assertThrows(IllegalArgumentException.class,
                () -> TomcatServer.builder().war(scratch.resolve("a.war"), "/demo/"));
        assertThrows(IllegalArgumentException.class,
                () -> TomcatServer.builder().war(scratch.resolve("missing.war"), "/demo").start());
        assertThrows(IllegalStateException.class, () -> TomcatServer.builder().start());
        assertThrows(IllegalArgumentException.class, () -> TomcatServer.builder().readyPath("healthz"));
        assertThrows(IllegalArgumentException.class, () -> XmlText.escape("bell\u0007"));
    }

    private record Response(int status, String body) {
    }

    private static Response get(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(2_000);
        connection.setReadTimeout(10_000);
        try {
            int status = connection.getResponseCode();
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                return new Response(status, body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            connection.disconnect();
        }
    }
}
