package org.lemongate.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The policy for tests that need a tool installed on the machine (Dovecot, Tomcat, litmus, ...).
 *
 * <p>On a developer's machine a missing tool skips those tests with a message saying what to install. In CI the
 * interop suite is mandatory: there the system property {@value #PROPERTY} or the environment variable
 * {@value #ENVIRONMENT} is {@code required}, and a missing tool fails the test instead, so a broken install can never
 * pass as a green build with everything skipped. Either source saying {@code required} is enough, because the build
 * always passes the property (default {@code optional}) while CI sets the environment variable.
 */
public final class Interop {

    /** The system property holding the policy; the parent POM passes it to Surefire and Failsafe. */
    public static final String PROPERTY = "lemongate.interop";

    /** The environment variable holding the policy; {@code .ci/run} exports it. */
    public static final String ENVIRONMENT = "LEMONGATE_INTEROP";

    private static final String REQUIRED = "required";

    // sbin directories hold dovecot but are not on every user's PATH.
    private static final Set<String> EXTRA_DIRECTORIES = Set.of("/usr/local/sbin", "/usr/sbin", "/sbin");

    private Interop() {
    }

    /** Whether the current policy demands that every interop tool is present. */
    public static boolean required() {
        return isRequired(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT));
    }

    static boolean isRequired(String property, String environment) {
        return REQUIRED.equals(normalised(property)) || REQUIRED.equals(normalised(environment));
    }

    private static String normalised(String value) {
        return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Finds an executable on the {@code PATH} (or in the sbin directories), or skips or fails the calling test.
     *
     * @param command the executable's name, such as {@code dovecot}
     * @param aptPackage the Debian package that installs it, named in the message
     * @return the executable's absolute path
     */
    public static Path requireCommand(String command, String aptPackage) {
        return findCommand(command)
                .orElseGet(() -> unavailable(command + " not installed", aptPackage, command, required()));
    }

    /**
     * Checks that a file installed by a package exists, or skips or fails the calling test.
     *
     * @param file the file, such as Tomcat's {@code /usr/share/tomcat10/bin/catalina.sh}
     * @param aptPackage the Debian package that installs it, named in the message
     * @param tool what the tests call the tool, such as {@code tomcat10}
     * @return the same file
     */
    public static Path requireFile(Path file, String aptPackage, String tool) {
        return Files.isRegularFile(file)
                ? file
                : unavailable(tool + " not installed (no " + file + ")", aptPackage, tool, required());
    }

    /**
     * Ends the calling test for a missing tool under the given policy: an assertion failure when required, otherwise
     * the JUnit abort that marks the test skipped. Never returns normally; typed so callers can use it as a value.
     */
    static <T> T unavailable(String what, String aptPackage, String tool, boolean required) {
        return unavailableHinted(what, "apt-get install " + aptPackage, tool, required);
    }

    /**
     * Checks that a file exists that no plain package install provides, or skips or fails the calling test.
     *
     * @param file the file, such as the {@code imapd} unpacked from Debian's cyrus-imapd
     * @param howToGetIt how to get the file, named in the message
     * @param tool what the tests call the tool, such as {@code cyrus}
     * @return the same file
     */
    public static Path requireFileHinted(Path file, String howToGetIt, String tool) {
        return Files.isRegularFile(file)
                ? file
                : unavailableHinted(tool + " not installed (no " + file + ")", howToGetIt, tool, required());
    }

    private static <T> T unavailableHinted(String what, String install, String tool, boolean required) {
        if (required) {
            return Assertions.fail(what + " (" + install + "), but " + PROPERTY + "=" + REQUIRED
                    + " demands the " + tool + " interop tests");
        }
        return Assumptions.abort(what + " (" + install + "); skipping the " + tool + " interop tests");
    }

    static Optional<Path> findCommand(String command) {
        if (command.isEmpty() || command.contains("/")) {
            throw new IllegalArgumentException("A command name without a path, not: " + command);
        }
        Set<String> directories = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String directory : path.split(File.pathSeparator)) {
                if (!directory.isEmpty()) {
                    directories.add(directory);
                }
            }
        }
        directories.addAll(EXTRA_DIRECTORIES);
        return directories.stream()
                .map(directory -> Path.of(directory, command))
                .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                .findFirst()
                .map(Path::toAbsolutePath);
    }
}
