package org.lemongate.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a servlet container started for a test deploys and how long it waits for it: the settings {@link TomcatServer}
 * and {@link JettyServer} share, validated once here.
 */
final class WebAppSettings {

    private final Map<String, String> contextParameters = new LinkedHashMap<>();
    private final List<String> javaOptions = new ArrayList<>(List.of("-Xmx256m"));
    private Path war;
    private String contextPath;
    private String readyPath;
    private Duration startupTimeout = Duration.ofSeconds(90);

    void war(Path warFile, String path) {
        TomcatBase.checkContextPath(Objects.requireNonNull(path, "path"));
        this.war = Objects.requireNonNull(warFile, "warFile");
        this.contextPath = path;
    }

    void contextParameter(String name, String value) {
        contextParameters.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    }

    void readyPath(String path) {
        if (!Objects.requireNonNull(path, "path").startsWith("/")) {
            throw new IllegalArgumentException("The ready path starts at the server root with '/': " + path);
        }
        this.readyPath = path;
    }

    void startupTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Startup timeout must be positive: " + timeout);
        }
        this.startupTimeout = timeout;
    }

    void javaOption(String option) {
        javaOptions.add(Objects.requireNonNull(option, "option"));
    }

    /**
     * Checks that a WAR was named and exists, before anything is laid out.
     *
     * @throws IllegalStateException when no WAR was named
     * @throws IllegalArgumentException when the file does not exist
     */
    void checkWar() {
        if (war == null) {
            throw new IllegalStateException("Say which WAR to deploy: war(file, contextPath)");
        }
        if (!Files.isRegularFile(war)) {
            throw new IllegalArgumentException("No WAR file at " + war);
        }
    }

    Path war() {
        return war;
    }

    String contextPath() {
        return contextPath;
    }

    /** The path that answers once the application is up; default the context root. */
    String readyPath() {
        return readyPath != null ? readyPath : contextPath + "/";
    }

    Duration startupTimeout() {
        return startupTimeout;
    }

    Map<String, String> contextParameters() {
        return Map.copyOf(contextParameters);
    }

    List<String> javaOptions() {
        return List.copyOf(javaOptions);
    }
}
