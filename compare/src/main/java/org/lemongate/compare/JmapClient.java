package org.lemongate.compare;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JMAP server (RFC 8620/8621) as a JMAP mail app uses it: the session resource, then Mailbox/get and pages of 500
 * Email/query + Email/get summaries in one request each, Email/get with body values to read a message, the
 * attachment's blob downloaded with {@code Range} to resume, Email/set for flags, moves and deletes,
 * EmailSubmission/set to send ({@link JmapSubmission}), the server's event source for push, and Email/changes +
 * Mailbox/changes from the initial sync's states. API replies are asked for gzipped; the counts are of the bytes on
 * the wire.
 *
 * <p>JMAP has no UIDs: a message's number in its {@link MessageHandle} is its place in the folder's
 * oldest-received-first order at the initial sync, and messages that arrive later are numbered on from there, so that
 * the workload's picks (newest first) and its check of new arrivals work as for the other clients.
 */
final class JmapClient implements MailClient {

    private static final int PAGE = 500;
    private static final List<String> SUMMARY = List.of("id", "mailboxIds", "keywords", "size", "receivedAt",
            "subject", "from", "to", "hasAttachment");
    /** What may change of a message a client already holds: an update is a move or a change of flags. */
    private static final List<String> MUTABLE = List.of("id", "mailboxIds", "keywords");
    private static final List<String> READ = List.of("id", "subject", "from", "to", "cc", "sentAt", "textBody",
            "htmlBody", "attachments", "bodyValues");

    private final HttpTransport http;
    private final Mirror mirror = new Mirror();
    private final Map<String, Long> numbers = new HashMap<>();
    private final Map<String, String> mailboxIds = new HashMap<>();
    private final Map<String, String> roles = new HashMap<>();
    private JmapSession session;
    private JmapApi api;
    private JmapSubmission submission;
    private String folderId;
    private String emailState;
    private String mailboxState;
    private long nextNumber = 1;

    JmapClient(HttpTransport http) {
        this.http = http;
    }

    @Override
    public String name() {
        return "JMAP";
    }

    @Override
    public Traffic traffic() {
        return http.traffic();
    }

    @Override
    public List<MessageHandle> sync(Latencies latencies, String folder, boolean initial) throws Exception {
        if (!initial) {
            return catchUp(latencies);
        }
        session = JmapSession.parse(http.absolute(""), JmapApi.JSON.readTree(sessionResource(latencies)));
        api = new JmapApi(http, session);
        JsonNode mailboxes = call(latencies, List.of(method("Mailbox/get", Map.of("properties",
                List.of("id", "name", "parentId", "role")), "m")),
                "Mailbox/get");
        mailboxState = mailboxes.path("state").asText();
        for (JsonNode m : mailboxes.path("list")) {
            if (m.path("parentId").isNull()) {
                mailboxIds.put(m.path("name").asText(), m.path("id").asText());
            }
            if (m.path("role").isTextual()) {
                roles.put(m.path("role").asText(), m.path("id").asText());
            }
        }
        folderId = mailboxId(folder);
        List<MessageHandle> all = new ArrayList<>();
        int position = 0;
        long total = 1;
        while (position < total) {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("filter", Map.of("inMailbox", folderId));
            query.put("sort", List.of(Map.of("property", "receivedAt", "isAscending", true)));
            query.put("position", position);
            query.put("limit", PAGE);
            query.put("calculateTotal", true);
            JsonNode responses = calls(latencies, List.of(method("Email/query", query, "q"),
                    method("Email/get", Map.of("#ids", reference("q", "Email/query", "/ids"), "properties",
                            SUMMARY), "g")));
            JsonNode found = result(responses, 0, "Email/query");
            JsonNode page = result(responses, 1, "Email/get");
            if (emailState == null) {
                // The first page's state: whatever changes while later pages are read is then in the next Email/changes.
                emailState = page.path("state").asText();
            }
            total = found.path("total").asLong();
            for (JsonNode m : page.path("list")) {
                all.add(handle(m));
            }
            int got = found.path("ids").size();
            if (got == 0) {
                break;
            }
            position += got;
        }
        mirror.replace(all);
        return all;
    }

    /** {@code GET /.well-known/jmap}, following its redirect to the session resource. */
    private byte[] sessionResource(Latencies latencies) throws Exception {
        String path = ".well-known/jmap";
        for (int hops = 0; hops < 3; hops++) {
            HttpResponse<byte[]> r = http.exchange(latencies, http.request(path).GET().build());
            if (r.statusCode() / 100 == 2) {
                return r.body();
            }
            String location = r.headers().firstValue("Location").orElse(null);
            if (r.statusCode() / 100 != 3 || location == null) {
                throw new HttpTransport.HttpFailure("GET " + path + " answered " + r.statusCode());
            }
            path = http.absolute(path).resolve(location).getRawPath();
        }
        throw new IOException("GET /.well-known/jmap redirected more than twice");
    }

    private String mailboxId(String name) throws IOException {
        String id = mailboxIds.get(name);
        if (id == null) {
            throw new IOException("the JMAP server has no top-level mailbox " + name
                    + " (is --jmap the same account as --imap?)");
        }
        return id;
    }

    /**
     * Email/changes from the last state, with Email/get of the summaries of what was created and of the mailboxes
     * and keywords of what was updated (an update may be a move out of the folder), and Mailbox/changes with the counts of the mailboxes that changed.
     */
    private List<MessageHandle> catchUp(Latencies latencies) throws Exception {
        boolean more = true;
        while (more) {
            JsonNode r = calls(latencies, List.of(
                    method("Email/changes", Map.of("sinceState", emailState, "maxChanges", PAGE), "c"),
                    method("Email/get", Map.of("#ids", reference("c", "Email/changes", "/created"),
                            "properties", SUMMARY), "n"),
                    method("Email/get", Map.of("#ids", reference("c", "Email/changes", "/updated"),
                            "properties", MUTABLE), "u")));
            JsonNode changes = result(r, 0, "Email/changes");
            for (JsonNode m : result(r, 1, "Email/get").path("list")) {
                if (inFolder(m)) {
                    mirror.add(handle(m));
                }
            }
            for (JsonNode m : result(r, 2, "Email/get").path("list")) {
                if (!inFolder(m)) {
                    mirror.vanish(m.path("id").asText());
                }
            }
            changes.path("destroyed").forEach(id -> mirror.vanish(id.asText()));
            emailState = changes.path("newState").asText();
            more = changes.path("hasMoreChanges").asBoolean();
        }
        JsonNode boxes = calls(latencies, List.of(
                method("Mailbox/changes", Map.of("sinceState", mailboxState), "c"),
                method("Mailbox/get", Map.of("#ids", reference("c", "Mailbox/changes", "/updated"), "properties",
                        List.of("id", "totalEmails", "unreadEmails")), "g")));
        mailboxState = result(boxes, 0, "Mailbox/changes").path("newState").asText();
        return mirror.listing();
    }

    private boolean inFolder(JsonNode m) {
        return m.path("mailboxIds").path(folderId).asBoolean();
    }

    private MessageHandle handle(JsonNode m) {
        String id = m.path("id").asText();
        long number = numbers.computeIfAbsent(id, k -> nextNumber++);
        return new MessageHandle(number, id, m.path("subject").asText(), m.path("size").asLong());
    }

    @Override
    public String incrementalSync() {
        return "Email/changes + Mailbox/changes from the initial sync's states";
    }

    @Override
    public long open(Latencies latencies, MessageHandle message) throws Exception {
        return api.post(latencies, JmapApi.MAIL, List.of(method("Email/get", Map.of("ids", List.of(message.ref()),
                "properties", READ, "fetchHTMLBodyValues", true), "r"))).length;
    }

    @Override
    public Download download(Latencies latencies, MessageHandle message, long cutAt) throws Exception {
        JsonNode email = call(latencies, List.of(method("Email/get", Map.of("ids", List.of(message.ref()),
                "properties", List.of("attachments"), "bodyProperties", List.of("blobId", "name", "type")), "a")),
                "Email/get").path("list").path(0);
        JsonNode part = email.path("attachments").path(0);
        if (part.isMissingNode()) {
            throw new IOException("Email/get lists no attachment for message " + message.ref());
        }
        String path = session.download(part.path("blobId").asText(), part.path("name").asText("attachment"),
                part.path("type").asText("application/octet-stream"));
        Download d = ResumedDownload.run(http, latencies, () -> http.request(path), cutAt, false);
        return d.note().isEmpty() ? d : new Download(d.bytes(), d.sha256(), false,
                "the JMAP server answered the Range request with the whole blob, so the download restarted",
                d.declared());
    }

    @Override
    public void flag(Latencies latencies, List<MessageHandle> messages) throws Exception {
        Map<String, Object> update = new LinkedHashMap<>();
        messages.forEach(m -> update.put(m.ref(), Map.of("keywords/$flagged", true)));
        set(latencies, Map.of("update", update), "notUpdated");
    }

    @Override
    public void move(Latencies latencies, List<MessageHandle> messages, String target) throws Exception {
        Map<String, Object> update = new LinkedHashMap<>();
        String to = mailboxId(target);
        messages.forEach(m -> update.put(m.ref(), Map.of("mailboxIds", Map.of(to, true))));
        set(latencies, Map.of("update", update), "notUpdated");
    }

    @Override
    public void delete(Latencies latencies, List<MessageHandle> messages) throws Exception {
        set(latencies, Map.of("destroy", messages.stream().map(MessageHandle::ref).toList()), "notDestroyed");
    }

    /** Every message must have been changed: Email/set answers for each one, and fails none of the call. */
    private void set(Latencies latencies, Map<String, Object> change, String failures) throws Exception {
        JsonNode r = call(latencies, List.of(method("Email/set", change, "s")), "Email/set");
        JsonNode failed = r.path(failures);
        if (failed.size() > 0) {
            throw new IOException("Email/set " + failures + ": " + failed);
        }
    }

    @Override
    public void send(Latencies latencies, byte[] message) throws Exception {
        if (!session.submission()) {
            throw NotAvailable.inClient("the JMAP session offers no " + JmapSession.SUBMISSION);
        }
        if (submission == null) {
            submission = new JmapSubmission(api, role("drafts"), role("sent"));
        }
        submission.send(latencies, message);
    }

    private String role(String role) throws IOException {
        String id = roles.get(role);
        if (id == null) {
            throw new IOException("the JMAP account has no mailbox with role " + role + " to send through");
        }
        return id;
    }

    /**
     * The session's event source for Email changes, each new Email state one arrival (the state current when the watch
     * starts is not: a server may repeat it when the stream opens). A server whose event source is off (Cyrus without
     * WebSocket support answers it with 204) is polled with Email/changes instead, and the step says so.
     */
    @Override
    public PushWatch watch(String folder) throws Exception {
        AtomicReference<String> seen = new AtomicReference<>(call(new Latencies(), List.of(method("Email/get",
                Map.of("ids", List.of(), "properties", List.of("id")), "s")), "Email/get").path("state").asText());
        if (session.eventSource().isPresent()) {
            String path = session.eventSource().get().replace("{types}", "Email").replace("{closeafter}", "no")
                    .replace("{ping}", "0");
            try {
                return new EventStream(http, path, (event, data) -> {
                    String state = data.path("changed").path(session.accountId()).path("Email").asText(null);
                    return state != null && !Objects.equals(seen.getAndSet(state), state) ? 1 : 0;
                });
            } catch (EventStream.NoStream e) {
                // Push is off on this server: poll instead.
            }
        }
        return new ChangePoll(() -> {
            int created = 0;
            boolean more = true;
            while (more) {
                JsonNode changes = call(new Latencies(), List.of(method("Email/changes", Map.of("sinceState",
                        seen.get(), "maxChanges", PAGE), "c")), "Email/changes");
                created += changes.path("created").size();
                seen.set(changes.path("newState").asText());
                more = changes.path("hasMoreChanges").asBoolean();
            }
            return created;
        });
    }

    private JsonNode call(Latencies latencies, List<Object> methodCalls, String expected) throws Exception {
        return api.call(latencies, methodCalls, expected);
    }

    private JsonNode calls(Latencies latencies, List<Object> methodCalls) throws Exception {
        return api.calls(latencies, JmapApi.MAIL, methodCalls);
    }

    private List<Object> method(String name, Map<String, Object> arguments, String callId) {
        return api.method(name, arguments, callId);
    }

    private static JsonNode result(JsonNode responses, int index, String expected) throws IOException {
        return JmapApi.result(responses, index, expected);
    }

    private static Map<String, String> reference(String callId, String name, String path) {
        return JmapApi.reference(callId, name, path);
    }

    @Override
    public void close() {
        http.close();
    }
}
