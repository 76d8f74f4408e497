package org.lemongate.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The report's data as JSON, every measured value included (each request's latency too), for other tools. */
final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    static String render(Report report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("started", report.started().toString());
        root.put("seconds", report.seconds());
        root.putObject("workload").put("messages", report.size().messages())
                .put("attachmentBytes", report.size().attachmentBytes());
        ObjectNode setting = root.putObject("setting");
        report.setting().forEach(setting::put);
        ArrayNode clients = root.putArray("clients");
        for (ClientResult c : report.clients()) {
            ObjectNode client = clients.addObject().put("client", c.client());
            traffic(client.putObject("total"), c.total());
            ArrayNode steps = client.putArray("steps");
            for (StepResult r : c.steps()) {
                ObjectNode step = steps.addObject().put("step", r.step().name().toLowerCase(java.util.Locale.ROOT))
                        .put("title", r.step().title()).put("status", r.status().name()).put("note", r.note());
                if (Figures.ran(r)) {
                    traffic(step.putObject("traffic"), r.traffic());
                    step.put("wallMs", r.wallMs());
                    r.p50().ifPresent(v -> step.put("p50Ms", v));
                    r.p95().ifPresent(v -> step.put("p95Ms", v));
                    r.latencies().forEach(step.putArray("latenciesMs")::add);
                }
                if (!r.pushMs().isEmpty()) {
                    r.pushP50().ifPresent(v -> step.put("pushP50Ms", v));
                    r.pushP95().ifPresent(v -> step.put("pushP95Ms", v));
                    r.pushMs().forEach(step.putArray("pushMs")::add);
                }
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    private static void traffic(ObjectNode node, Traffic t) {
        node.put("connections", t.connections()).put("roundTrips", t.roundTrips()).put("bytesSent", t.bytesSent())
                .put("bytesReceived", t.bytesReceived()).put("gzipSent", t.gzipSent())
                .put("gzipReceived", t.gzipReceived());
    }
}
