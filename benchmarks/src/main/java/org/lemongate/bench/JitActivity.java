package org.lemongate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The CPU time a JVM's JIT compiler threads have used, read from Linux's {@code /proc/PID/task/TID/stat}: while it
 * still grows, the JVM is compiling and its figures are not yet those of a long-running process.
 */
final class JitActivity {

    /** USER_HZ, the unit of CPU times in /proc: 100 on every Linux architecture the JDK runs on. */
    static final int CLOCK_TICKS = 100;

    private final long pid;
    private final String name;

    /** The JVM with this process id, named in reports as {@code name}. */
    JitActivity(long pid, String name) {
        this.pid = pid;
        this.name = name;
    }

    /** The name given to this JVM in reports. */
    String name() {
        return name;
    }

    /** Whether this system reports per-thread CPU times (Linux). */
    boolean available() {
        return Files.isDirectory(tasks());
    }

    /** Compiler threads' CPU clock ticks so far, or -1 where /proc is missing. */
    long ticks() {
        if (!available()) {
            return -1;
        }
        long ticks = 0;
        try (Stream<Path> threads = Files.list(tasks())) {
            for (Path t : threads.toList()) {
                try {
                    // HotSpot names them "C1 CompilerThread0", "C2 CompilerThread1", cut to 15 characters.
                    if (Files.readString(t.resolve("comm")).contains("CompilerThre")) {
                        ticks += ProcessCpu.ticks(Files.readString(t.resolve("stat")));
                    }
                } catch (IOException threadEnded) {
                    // A compiler thread that ended between listing and reading has nothing more to add.
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks;
    }

    private Path tasks() {
        return Path.of("/proc", Long.toString(pid), "task");
    }
}
