package org.lemongate.compare;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A whole comparison: where and when it ran, with what, and every client's steps.
 *
 * @param started  when the run began
 * @param seconds  how long it took, setup included
 * @param size     the workload's size
 * @param setting  what was measured where: gateway, IMAP server, proxy, machine, Java (in display order)
 * @param clients  the baseline first, then the bindings
 */
public record Report(Instant started, double seconds, WorkloadSize size, Map<String, String> setting,
                     List<ClientResult> clients) {

    /** Copies the collections. */
    public Report {
        setting = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(setting));
        clients = List.copyOf(clients);
    }

    /** Whether every client's every step either went well or was honestly not available. */
    public boolean noFailures() {
        return clients.stream().flatMap(c -> c.steps().stream())
                .noneMatch(s -> s.status() == StepResult.Status.FAILED);
    }

    /** Whether the clients' traffic went through an intermediary. */
    public boolean throughProxy() {
        return setting.containsKey("proxy");
    }
}
