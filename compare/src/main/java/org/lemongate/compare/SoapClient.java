package org.lemongate.compare;

import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The SOAP binding as an integration tool uses it: SOAP 1.1 envelopes posted to {@code /soap/mail}, pages of 500,
 * GetMessageMime to read, GetAttachment with {@code offset} to resume, one SetFlags, MoveMessages and DeleteMessages
 * call for many messages, SyncFolder from the initial sync's state for the incremental one, a WaitForChanges long
 * poll for push.
 */
final class SoapClient extends GatewayClient {

    static final String NS = "urn:lemongate:mail:1";
    private static final int PAGE = 500;

    private final Mirror mirror = new Mirror();
    private String folder = "";
    private String syncState;

    SoapClient(HttpTransport http) {
        super("SOAP", http);
    }

    @Override
    public List<MessageHandle> sync(Latencies latencies, String folderName, boolean initial) throws Exception {
        this.folder = folderName;
        if (!initial) {
            return catchUp(latencies);
        }
        call(latencies, "ListFolders", "");
        // The state first: whatever changes while the pages are read is then in the next SyncFolder.
        syncState = currentState(latencies, folderName);
        List<MessageHandle> all = new ArrayList<>();
        String token = null;
        do {
            Document page = call(latencies, "ListMessages", "<m:folder>" + Xml.escape(folder) + "</m:folder>"
                    + "<m:pageSize>" + PAGE + "</m:pageSize>"
                    + (token == null ? "" : "<m:pageToken>" + Xml.escape(token) + "</m:pageToken>"));
            for (Element m : Xml.all(page, "message")) {
                all.add(handle(m));
            }
            String next = Xml.text(page, "nextPageToken");
            token = next.isEmpty() ? null : next;
        } while (token != null);
        mirror.replace(all);
        return all;
    }

    /** SyncFolder from the last state, reply by reply while the gateway says there are more. */
    private List<MessageHandle> catchUp(Latencies latencies) throws Exception {
        boolean more = true;
        while (more) {
            Document reply = call(latencies, "SyncFolder", "<m:folder>" + Xml.escape(folder) + "</m:folder>"
                    + "<m:syncState>" + Xml.escape(syncState) + "</m:syncState><m:maxChanges>" + PAGE
                    + "</m:maxChanges>");
            for (Element m : Xml.all(reply, "added")) {
                mirror.add(handle(m));
            }
            for (Element id : Xml.all(reply, "vanished")) {
                mirror.vanish(Xml.text(id, "uidValidity") + ":" + Xml.text(id, "uid"));
            }
            more = "true".equals(Xml.text(reply, "more"));
            syncState = Xml.text(reply, "syncState");
        }
        return mirror.listing();
    }

    /** Without a syncState, SyncFolder answers no changes and the folder's current state (ADR 21). */
    private String currentState(Latencies latencies, String folderName) throws Exception {
        return Xml.text(call(latencies, "SyncFolder", "<m:folder>" + Xml.escape(folderName) + "</m:folder>"),
                "syncState");
    }

    private static MessageHandle handle(Element summary) {
        Element id = Xml.all(summary, "id").get(0);
        return new MessageHandle(Long.parseLong(Xml.text(id, "uid")),
                Xml.text(id, "uidValidity") + ":" + Xml.text(id, "uid"), Xml.text(summary, "subject"),
                Long.parseLong(Xml.text(summary, "size")));
    }

    @Override
    public String incrementalSync() {
        return "SyncFolder from the initial sync's syncState";
    }

    @Override
    public long open(Latencies latencies, MessageHandle message) throws Exception {
        Document reply = call(latencies, "GetMessageMime", id(message));
        return Base64.getMimeDecoder().decode(Xml.text(reply, "data")).length;
    }

    @Override
    public Download download(Latencies latencies, MessageHandle message, long cutAt) throws Exception {
        MessageDigest digest = Downloads.sha256();
        Base64Feed feed = new Base64Feed(digest);
        latencies.time(() -> streamData(attachment(message, 0), feed, cutAt));
        long first = feed.decoded();
        latencies.time(() -> streamData(attachment(message, first), feed, Long.MAX_VALUE));
        return new Download(feed.decoded(), Downloads.hex(digest), false, "", -1);
    }

    @Override
    public void flag(Latencies latencies, List<MessageHandle> messages) throws Exception {
        requireAll(call(latencies, "SetFlags", ids(messages) + "<m:add>\\Flagged</m:add>"), "SetFlags");
    }

    @Override
    public void move(Latencies latencies, List<MessageHandle> messages, String target) throws Exception {
        requireAll(call(latencies, "MoveMessages", ids(messages) + "<m:target>" + Xml.escape(target) + "</m:target>"),
                "MoveMessages");
    }

    @Override
    public void delete(Latencies latencies, List<MessageHandle> messages) throws Exception {
        requireAll(call(latencies, "DeleteMessages", ids(messages) + "<m:permanent>true</m:permanent>"),
                "DeleteMessages");
    }

    @Override
    public void send(Latencies latencies, byte[] message) throws Exception {
        call(latencies, "SendMessage", "<m:mime>" + Base64.getEncoder().encodeToString(message) + "</m:mime>");
    }

    @Override
    public PushWatch watch(String folderName) throws Exception {
        String state = currentState(new Latencies(), folderName);
        return new SoapLongPoll(http, waitBody -> envelope("WaitForChanges", "<m:folder>" + Xml.escape(folderName)
                + "</m:folder>" + waitBody), state);
    }

    private Document call(Latencies latencies, String operation, String body) throws Exception {
        return Xml.parse(http.send(latencies, post(operation, body)));
    }

    private java.net.http.HttpRequest post(String operation, String body) {
        return http.request("soap/mail").header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"" + NS + "#" + operation + "\"")
                .POST(BodyPublishers.ofString(envelope(operation, body))).build();
    }

    private static String envelope(String operation, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope "
                + "xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:m=\"" + NS + "\"><soap:Body><m:"
                + operation + ">" + body + "</m:" + operation + "></soap:Body></soap:Envelope>";
    }

    private java.net.http.HttpRequest attachment(MessageHandle message, long offset) {
        return post("GetAttachment", id(message) + "<m:partId>2</m:partId>"
                + (offset > 0 ? "<m:offset>" + offset + "</m:offset>" : ""));
    }

    /** Decodes the reply's {@code data} as it streams in, closing the connection once {@code cutAt} bytes arrived. */
    private Void streamData(java.net.http.HttpRequest request, Base64Feed feed, long cutAt) throws Exception {
        HttpResponse<InputStream> response = http.stream(request);
        long start = feed.decoded();
        feed.restart();
        try (InputStream body = response.body()) {
            XMLStreamReader xml = Xml.stream(body);
            boolean inData = false;
            while (xml.hasNext() && feed.decoded() - start < cutAt) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    inData = "data".equals(xml.getLocalName());
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    inData = false;
                } else if (inData && event == XMLStreamConstants.CHARACTERS) {
                    feed.feed(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                }
            }
        }
        return null;
    }

    private String ids(List<MessageHandle> messages) {
        StringBuilder b = new StringBuilder();
        messages.forEach(m -> b.append(id(m)));
        return b.toString();
    }

    private String id(MessageHandle message) {
        String[] parts = message.ref().split(":");
        return "<m:id><m:folder>" + Xml.escape(folder) + "</m:folder><m:uidValidity>" + parts[0]
                + "</m:uidValidity><m:uid>" + parts[1] + "</m:uid></m:id>";
    }

    private static void requireAll(Document reply, String operation) throws HttpTransport.HttpFailure {
        for (Element result : Xml.all(reply, "result")) {
            if (!"true".equals(Xml.text(result, "succeeded"))) {
                throw new HttpTransport.HttpFailure(operation + " failed for uid " + Xml.text(result, "uid") + ": "
                        + Xml.text(result, "message"));
            }
        }
    }
}
