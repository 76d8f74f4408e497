package org.lemongate.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Tomcat 10.1 ({@code apt-get install tomcat10}) run from a private {@code CATALINA_BASE}: its own
 * configuration copy, the HTTP connector on a free loopback port, no shutdown port, and one web application given
 * by a context file. Runs in the foreground ({@code catalina.sh run}) so that the process is ours to stop.
 */
final class TomcatBase implements AutoCloseable {

    static final Path HOME = Path.of("/usr/share/tomcat10");
    static final Path CATALINA_SH = HOME.resolve("bin/catalina.sh");
    private static final Path CONF = Path.of("/etc/tomcat10");

    private final Path base;
    private final int port;
    private Process process;

    private TomcatBase(Path base, int port) {
        this.base = base;
        this.port = port;
    }

    /** Lays out a base in {@code dir} listening on {@code port}. */
    static TomcatBase create(Path dir, int port) throws IOException {
        for (String sub : List.of("conf", "logs", "temp", "work", "webapps", "conf/Catalina/localhost")) {
            Files.createDirectories(dir.resolve(sub));
        }
        try (Stream<Path> files = Files.list(CONF)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, dir.resolve("conf").resolve(f.getFileName()));
            }
        }
        Path serverXml = dir.resolve("conf/server.xml");
        String xml = Files.readString(serverXml, StandardCharsets.UTF_8)
                .replaceFirst("<Server port=\"[^\"]*\"", "<Server port=\"-1\"")
                .replaceFirst("<Connector port=\"8080\" protocol=\"HTTP/1.1\"",
                        "<Connector address=\"127.0.0.1\" port=\"" + port + "\" protocol=\"HTTP/1.1\"");
        if (!xml.contains("port=\"" + port + "\"")) {
            throw new IllegalStateException("the HTTP connector of " + CONF + "/server.xml was not found");
        }
        Files.writeString(serverXml, xml, StandardCharsets.UTF_8);
        return new TomcatBase(dir, port);
    }

    /** Deploys {@code war} at {@code /name} with these context parameters, as an administrator would. */
    void deploy(String name, Path war, List<String[]> contextParameters) throws IOException {
        StringBuilder context = new StringBuilder("<Context docBase=\"" + war.toAbsolutePath() + "\">\n");
        for (String[] p : contextParameters) {
            context.append("  <Parameter name=\"").append(p[0]).append("\" value=\"").append(p[1])
                    .append("\" override=\"false\"/>\n");
        }
        context.append("</Context>\n");
        Files.writeString(base.resolve("conf/Catalina/localhost/" + name + ".xml"), context, StandardCharsets.UTF_8);
    }

    void start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(CATALINA_SH.toString(), "run")
                .redirectErrorStream(true)
                .redirectOutput(base.resolve("logs/console.log").toFile());
        pb.environment().put("CATALINA_HOME", HOME.toString());
        pb.environment().put("CATALINA_BASE", base.toString());
        pb.environment().put("CATALINA_TMPDIR", base.resolve("temp").toString());
        pb.environment().put("CATALINA_OPTS", "-Xmx384m");
        pb.environment().keySet().removeIf(k -> k.startsWith(ConfigKey.ENV_PREFIX) && !k.equals("LEMONGATE_INTEROP"));
        process = pb.start();
    }

    int port() {
        return port;
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    /** The console output and Tomcat's own logs, for a failure message. */
    String logs() throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.list(base.resolve("logs"))) {
            for (Path f : files.sorted().toList()) {
                b.append("==> ").append(f.getFileName()).append('\n')
                        .append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
            }
        }
        return b.toString();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
