package org.lemongate.compare;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The report as one self-contained HTML page: tables and inline SVG charts, no script, no external resource. Its
 * Content-Security-Policy allows nothing but its own style block, named by hash.
 */
final class HtmlReport {

    private static final String STYLE = "body{font-family:sans-serif;margin:2em;max-width:72em;color:#111}"
            + "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .5em;"
            + "text-align:right}td:first-child,th:first-child,td.note{text-align:left}.failed{color:#b91c1c}"
            + ".na{color:#6b7280}.charts{display:flex;flex-wrap:wrap;gap:1.5em}";

    private HtmlReport() {
    }

    static String render(Report report) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .append(Compare.reportContentSecurityPolicy()).append("\">")
                .append("<title>Lemongate binding comparison</title><style>").append(STYLE)
                .append("</style></head><body>\n<h1>Lemongate binding comparison</h1>\n");
        h.append("<p>Run ").append(report.started()).append(String.format(java.util.Locale.ROOT, ", %.0f s in all. ",
                report.seconds())).append("Workload: ").append(Figures.count(report.size().messages()))
                .append(" messages, a ").append(Figures.bytes(report.size().attachmentBytes()))
                .append(" attachment.</p>\n<table>");
        for (Map.Entry<String, String> e : report.setting().entrySet()) {
            h.append("<tr><th>").append(Html.escape(e.getKey())).append("</th><td class=\"note\">")
                    .append(Html.escape(e.getValue())).append("</td></tr>");
        }
        h.append("</table>\n<h2>Whole day</h2>\n<div class=\"charts\">");
        h.append(chart("Round trips", report, c -> c.total().roundTrips(), Figures::count));
        h.append(chart("Bytes received", report, c -> c.total().bytesReceived(), Figures::bytes));
        h.append(chart("Bytes received (gzip)", report, c -> c.total().gzipReceived(), Figures::bytes));
        h.append(chart("Time (ms)", report, c -> Math.round(c.steps().stream().mapToDouble(StepResult::wallMs).sum()),
                Figures::count));
        h.append("</div>\n");
        for (Step step : Step.values()) {
            h.append("<h2>").append(Html.escape(step.title())).append("</h2>\n<p>")
                    .append(Html.escape(step.description())).append(".</p>\n");
            h.append(stepTable(report, step));
            h.append("<div class=\"charts\">");
            h.append(stepChart("Round trips", report, step, r -> r.traffic().roundTrips(), Figures::count));
            h.append(stepChart("Bytes received", report, step, r -> r.traffic().bytesReceived(), Figures::bytes));
            h.append(step == Step.PUSH
                    ? stepChart("Push latency p50 (ms)", report, step,
                            r -> r.pushP50().map(Math::round).orElse(-1L), Figures::count)
                    : stepChart("Step time (ms)", report, step, r -> Math.round(r.wallMs()), Figures::count));
            h.append("</div>\n");
        }
        h.append("<p>").append(Html.escape(MarkdownReport.HOW_COUNTED)).append("</p>\n</body></html>\n");
        return h.toString();
    }

    private static String stepTable(Report report, Step step) {
        StringBuilder t = new StringBuilder("<table><tr><th>client</th><th>status</th><th>round trips</th>"
                + "<th>sent</th><th>received</th><th>received (gzip)</th><th>p50</th><th>p95</th><th>step time</th>"
                + (step == Step.PUSH ? "<th>push p50</th><th>push p95</th>" : "") + "<th>note</th></tr>");
        for (ClientResult c : report.clients()) {
            StepResult r = c.step(step);
            String css = switch (r.status()) {
                case FAILED -> " class=\"failed\"";
                case NOT_AVAILABLE, NOT_MEASURED -> " class=\"na\"";
                case OK -> "";
            };
            t.append("<tr").append(css).append("><td>").append(Html.escape(c.client())).append("</td><td>")
                    .append(Html.escape(Figures.status(r, report.throughProxy()))).append("</td>");
            List<String> cells = Figures.ran(r)
                    ? List.of(Figures.count(r.traffic().roundTrips()), Figures.bytes(r.traffic().bytesSent()),
                            Figures.bytes(r.traffic().bytesReceived()), Figures.bytes(r.traffic().gzipReceived()),
                            Figures.millis(r.p50()), Figures.millis(r.p95()), Figures.millis(r.wallMs()))
                    : List.of("–", "–", "–", "–", "–", "–", "–");
            cells.forEach(cell -> t.append("<td>").append(Html.escape(cell)).append("</td>"));
            if (step == Step.PUSH) {
                t.append("<td>").append(Html.escape(Figures.millis(r.pushP50()))).append("</td><td>")
                        .append(Html.escape(Figures.millis(r.pushP95()))).append("</td>");
            }
            t.append("<td class=\"note\">").append(Html.escape(r.note())).append("</td></tr>");
        }
        return t.append("</table>\n").toString();
    }

    private static String chart(String title, Report report, ToLongFunction<ClientResult> value,
                                java.util.function.LongFunction<String> format) {
        List<BarChart.Bar> bars = new ArrayList<>();
        report.clients().forEach(c -> bars.add(new BarChart.Bar(c.client(), value.applyAsLong(c))));
        return BarChart.svg(title, bars, format);
    }

    private static String stepChart(String title, Report report, Step step, ToLongFunction<StepResult> value,
                                    java.util.function.LongFunction<String> format) {
        List<BarChart.Bar> bars = new ArrayList<>();
        for (ClientResult c : report.clients()) {
            StepResult r = c.step(step);
            bars.add(new BarChart.Bar(c.client(), Figures.ran(r) ? value.applyAsLong(r) : -1));
        }
        return BarChart.svg(title, bars, format);
    }

    /** The CSP source for the style block: its SHA-256, so that no other inline style can apply. */
    static String styleHash() {
        MessageDigest sha = Downloads.sha256();
        return "sha256-" + Base64.getEncoder().encodeToString(sha.digest(STYLE.getBytes(StandardCharsets.UTF_8)));
    }
}
