package org.lemongate.compare;

import java.util.Map;

/** The report as Markdown: the setting, totals per client, then one table per step. */
final class MarkdownReport {

    private MarkdownReport() {
    }

    static String render(Report report) {
        StringBuilder md = new StringBuilder();
        md.append("# Lemongate binding comparison\n\n");
        md.append("Run ").append(report.started()).append(", ").append(String.format(java.util.Locale.ROOT, "%.0f",
                report.seconds())).append(" s in all. Workload: ").append(Figures.count(report.size().messages()))
                .append(" messages, a ").append(Figures.bytes(report.size().attachmentBytes()))
                .append(" attachment (docs/compare.md).\n\n");
        md.append("| | |\n|---|---|\n");
        for (Map.Entry<String, String> e : report.setting().entrySet()) {
            md.append("| ").append(e.getKey()).append(" | ").append(cell(e.getValue())).append(" |\n");
        }
        md.append("\n## Whole day\n\n");
        md.append("| client | round trips | connections | sent | received | sent (gzip) | received (gzip) "
                + "| time | steps failed |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ClientResult c : report.clients()) {
            Traffic t = c.total();
            double time = c.steps().stream().mapToDouble(StepResult::wallMs).sum();
            long failed = c.steps().stream().filter(s -> s.status() == StepResult.Status.FAILED).count();
            md.append("| ").append(c.client()).append(" | ").append(Figures.count(t.roundTrips())).append(" | ")
                    .append(Figures.count(t.connections())).append(" | ").append(Figures.bytes(t.bytesSent()))
                    .append(" | ").append(Figures.bytes(t.bytesReceived())).append(" | ")
                    .append(Figures.bytes(t.gzipSent())).append(" | ").append(Figures.bytes(t.gzipReceived()))
                    .append(" | ").append(Figures.millis(time)).append(" | ").append(failed).append(" |\n");
        }
        for (Step step : Step.values()) {
            md.append("\n## ").append(step.title()).append("\n\n").append(step.description()).append(".\n\n");
            md.append("| client | status | round trips | sent | received | received (gzip) | p50 | p95 | step time "
                    + (step == Step.PUSH ? "| push p50 | push p95 " : "") + "| note |\n");
            md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|" + (step == Step.PUSH ? "---:|---:|" : "")
                    + "---|\n");
            for (ClientResult c : report.clients()) {
                StepResult r = c.step(step);
                md.append("| ").append(c.client()).append(" | ").append(Figures.status(r, report.throughProxy()));
                if (Figures.ran(r)) {
                    Traffic t = r.traffic();
                    md.append(" | ").append(Figures.count(t.roundTrips())).append(" | ")
                            .append(Figures.bytes(t.bytesSent())).append(" | ").append(Figures.bytes(t.bytesReceived()))
                            .append(" | ").append(Figures.bytes(t.gzipReceived())).append(" | ")
                            .append(Figures.millis(r.p50())).append(" | ").append(Figures.millis(r.p95()))
                            .append(" | ").append(Figures.millis(r.wallMs()));
                } else {
                    md.append(" | – | – | – | – | – | – | –");
                }
                if (step == Step.PUSH) {
                    md.append(" | ").append(Figures.millis(r.pushP50())).append(" | ")
                            .append(Figures.millis(r.pushP95()));
                }
                md.append(" | ").append(cell(r.note())).append(" |\n");
            }
        }
        md.append("\n").append(HOW_COUNTED);
        return md.toString();
    }

    static final String HOW_COUNTED = "Bytes, connections and round trips are counted at the socket by a relay "
            + "in front of each client (a round trip starts each time the client sends after the server has spoken). "
            + "Gzip figures are the same bytes through a streaming gzip (level 6) per connection and direction, "
            + "flushed at every read; the clients do not ask the gateway for Content-Encoding. p50 and p95 are "
            + "nearest-rank percentiles of the step's request latencies; push latency runs from the start of the "
            + "APPEND that delivers a message to the client's notification.\n";

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
