package org.lemongate.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.lemongate.testsupport.LoopbackPorts;

/** The gateway as operators run it: {@code java -jar lemongate.jar} in its own JVM, on a free loopback port. */
final class GatewayProcess implements AutoCloseable {

    private final Process process;
    private final URI base;
    private final Path log;

    private GatewayProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    static GatewayProcess start(Path jar, String imapUrl) throws IOException, InterruptedException {
        return start(jar, imapUrl, "512m");
    }

    /** Starts the jar with this heap ({@code -Xmx}) and these further gateway options. */
    static GatewayProcess start(Path jar, String imapUrl, String heap, String... options)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " not found: build it with mvn -B -q -DskipTests package");
        }
        int port = LoopbackPorts.pickFree();
        Path log = Files.createTempFile("lemongate-bench-gateway", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap, "-jar",
                jar.toString(), "--imap", imapUrl, "--imap-starttls", "off", "--port", Integer.toString(port),
                "--bind", "127.0.0.1"));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the gateway exited: " + Files.readString(log));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(base.resolve("readyz")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return new GatewayProcess(p, base, log);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        p.destroyForcibly();
        throw new IllegalStateException("the gateway did not become ready: " + Files.readString(log));
    }

    URI base() {
        return base;
    }

    /** The file the gateway's output goes to. */
    Path log() {
        return log;
    }

    /** The gateway JVM's process id, to read its memory and threads. */
    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
