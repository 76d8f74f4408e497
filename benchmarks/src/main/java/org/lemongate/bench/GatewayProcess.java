package org.lemongate.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.lemongate.testsupport.LoopbackPorts;

/** The gateway as operators run it: {@code java -jar lemongate.jar} in its own JVM, on a free loopback port. */
final class GatewayProcess implements AutoCloseable {

    private final Process process;
    private final URI base;

    private GatewayProcess(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    static GatewayProcess start(Path jar, String imapUrl) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " not found: build it with mvn -B -q -DskipTests package");
        }
        int port = LoopbackPorts.pickFree();
        Path log = Files.createTempFile("lemongate-bench-gateway", ".log");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toString(), "--imap", imapUrl, "--imap-starttls", "off",
                "--port", Integer.toString(port), "--bind", "127.0.0.1"))
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
                    return new GatewayProcess(p, base);
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
