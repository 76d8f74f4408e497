package org.lemongate.soap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.lemongate.testsupport.Interop;

/**
 * A Python SOAP client script from {@code /interop} run with Debian's {@code /usr/bin/python3}, whose module is
 * checked under the {@link Interop} policy first.
 */
final class PythonClient {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private final Path script;

    private PythonClient(Path script) {
        this.script = script;
    }

    /**
     * Prepares the script, or skips or fails the calling test when Python or the Debian package is missing.
     *
     * @param resource   the script, e.g. {@code /interop/zeep_client.py}
     * @param module     the Python package it needs, e.g. {@code zeep}
     * @param aptPackage the Debian package providing it, e.g. {@code python3-zeep}
     */
    static PythonClient prepare(String resource, String module, String aptPackage) throws IOException {
        Interop.requireFile(PYTHON, "python3", module);
        Interop.requireFile(Path.of("/usr/lib/python3/dist-packages", module, "__init__.py"), aptPackage, module);
        Path script = Files.createTempFile("lemongate-" + module + "-", ".py");
        try (InputStream in = PythonClient.class.getResourceAsStream(resource)) {
            Files.write(script, in.readAllBytes());
        }
        return new PythonClient(script);
    }

    /** Runs the script with the arguments and returns what it printed, failing the test if it failed. */
    String run(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
        command.addAll(List.of(arguments));
        return Commands.run(null, Duration.ofSeconds(60), command);
    }

    void delete() throws IOException {
        Files.deleteIfExists(script);
    }
}
