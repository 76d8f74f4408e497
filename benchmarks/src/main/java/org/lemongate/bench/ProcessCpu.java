package org.lemongate.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of a process and all its descendants, from {@code /proc/PID/stat} (utime + stime, in clock ticks of
 * 10 ms, the Linux default). Descendants that exited between two readings are missed, which is fine for long-lived
 * servers (Dovecot's imap processes, a gateway JVM).
 */
final class ProcessCpu {

    private static final double MILLIS_PER_TICK = 10.0;

    private ProcessCpu() {
    }

    /** CPU milliseconds used so far by {@code root} and its descendants. */
    static double millis(long root) throws IOException {
        Map<Long, List<Long>> children = new HashMap<>();
        Map<Long, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : procs) {
                String stat;
                try {
                    stat = Files.readString(dir.resolve("stat"));
                } catch (IOException e) {
                    continue; // exited meanwhile
                }
                long pid = Long.parseLong(dir.getFileName().toString());
                long ppid = Long.parseLong(fieldsAfterName(stat)[1]);
                children.computeIfAbsent(ppid, p -> new java.util.ArrayList<>()).add(pid);
                ticks.put(pid, ticks(stat));
            }
        }
        long sum = 0;
        Deque<Long> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            long pid = todo.pop();
            sum += ticks.getOrDefault(pid, 0L);
            todo.addAll(children.getOrDefault(pid, List.of()));
        }
        return sum * MILLIS_PER_TICK;
    }

    /** User plus system CPU clock ticks in a process's or thread's {@code stat} line (fields 14 and 15). */
    static long ticks(String stat) {
        String[] f = fieldsAfterName(stat);
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** The fields after the command name (field 2), which is in parentheses and may hold spaces. */
    private static String[] fieldsAfterName(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }
}
