package org.lemongate.compare;

import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The WebDAV binding as a sync tool uses it: PROPFIND Depth 1 for the folders, the sync-collection REPORT (RFC
 * 6578) for the message listing and, from its token, the incremental sync, GET of the {@code .eml} file to read a
 * message (WebDAV cannot address a part, so the attachment comes with its message), {@code Range} to resume, and one
 * PROPPATCH, MOVE or DELETE per file. It has no submission and no push.
 */
final class DavClient extends GatewayClient {

    private static final String FOLDERS_BODY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:resourcetype/><D:displayname/></D:prop></D:propfind>";
    private static final String FLAG_BODY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<D:propertyupdate xmlns:D=\"DAV:\" xmlns:m=\"urn:lemongate:mail\"><D:set><D:prop>"
            + "<m:flagged>true</m:flagged></D:prop></D:set></D:propertyupdate>";

    private final Mirror mirror = new Mirror();
    private String syncToken;

    DavClient(HttpTransport http) {
        super("WebDAV", http);
    }

    @Override
    public List<MessageHandle> sync(Latencies latencies, String folder, boolean initial) throws Exception {
        String collection = "dav/" + segment(folder) + "/";
        if (!initial) {
            return catchUp(latencies, collection);
        }
        propfind(latencies, "dav/", FOLDERS_BODY);
        // The listing is a sync-collection with an empty token (RFC 6578's initial sync), not a PROPFIND: the
        // gateway reports a vanished message under the name it last reported it by this REPORT, so a client
        // that listed by PROPFIND would never hear of the messages that go.
        syncToken = "";
        mirror.replace(List.of());
        return catchUp(latencies, collection);
    }

    /**
     * RFC 6578 sync-collection from the last token (empty: the whole listing): members present (new or changed) are
     * taken as listed, members answered 404 are gone; a 507 for the folder means the answer was cut short, so ask
     * again with the new token.
     */
    private List<MessageHandle> catchUp(Latencies latencies, String collection) throws Exception {
        boolean truncated = true;
        while (truncated) {
            Document reply = Xml.parse(http.send(latencies, http.request(collection).header("Depth", "0")
                    .header("Content-Type", "application/xml; charset=UTF-8")
                    .method("REPORT", BodyPublishers.ofString(syncBody(syncToken))).build()));
            truncated = false;
            for (Element response : Xml.all(reply, "response")) {
                String status = directStatus(response);
                if (status.isEmpty()) {
                    handle(response).ifPresent(mirror::add);
                } else if (status.contains(" 404 ")) {
                    mirror.vanish(Xml.text(response, "href"));
                } else if (status.contains(" 507 ")) {
                    truncated = true;
                }
            }
            syncToken = Xml.text(reply, "sync-token");
        }
        return mirror.listing();
    }

    private static String syncBody(String token) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><D:sync-collection xmlns:D=\"DAV:\" "
                + "xmlns:m=\"urn:lemongate:mail\"><D:sync-token>" + Xml.escape(token) + "</D:sync-token>"
                + "<D:sync-level>1</D:sync-level><D:prop><D:getcontentlength/><D:getetag/><m:uid/><m:subject/>"
                + "<m:flags/></D:prop></D:sync-collection>";
    }

    /** A message's handle from its multistatus response; the folder's own response has no UID. */
    private static Optional<MessageHandle> handle(Element response) {
        String uid = Xml.text(response, "uid");
        return uid.isEmpty() ? Optional.empty() : Optional.of(new MessageHandle(Long.parseLong(uid),
                Xml.text(response, "href"), Xml.text(response, "subject"),
                Long.parseLong(Xml.text(response, "getcontentlength"))));
    }

    /** The status of the response itself (a member gone, a cut answer), not of one of its properties. */
    private static String directStatus(Element response) {
        for (Node n = response.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "status".equals(e.getLocalName())) {
                return e.getTextContent();
            }
        }
        return "";
    }

    @Override
    public String incrementalSync() {
        return "sync-collection REPORT (RFC 6578) from the initial listing's sync-token";
    }

    @Override
    public long open(Latencies latencies, MessageHandle message) throws Exception {
        return http.send(latencies, http.request(message.ref()).GET().build()).length;
    }

    @Override
    public Download download(Latencies latencies, MessageHandle message, long cutAt) throws Exception {
        return ResumedDownload.run(http, latencies, () -> http.request(message.ref()), cutAt, true);
    }

    @Override
    public void flag(Latencies latencies, List<MessageHandle> messages) throws Exception {
        for (MessageHandle m : messages) {
            byte[] reply = http.send(latencies, http.request(m.ref()).header("Content-Type", "application/xml")
                    .method("PROPPATCH", BodyPublishers.ofString(FLAG_BODY)).build());
            String status = Xml.text(Xml.parse(reply), "status");
            if (!status.contains(" 200 ")) {
                throw new HttpTransport.HttpFailure("PROPPATCH " + m.ref() + " answered " + status);
            }
        }
    }

    @Override
    public void move(Latencies latencies, List<MessageHandle> messages, String target) throws Exception {
        for (MessageHandle m : messages) {
            String name = m.ref().substring(m.ref().lastIndexOf('/') + 1);
            http.send(latencies, http.request(m.ref())
                    .header("Destination", http.absolute("dav/" + segment(target) + "/" + name).toString())
                    .header("Overwrite", "F").method("MOVE", BodyPublishers.noBody()).build());
        }
    }

    @Override
    public void delete(Latencies latencies, List<MessageHandle> messages) throws Exception {
        for (MessageHandle m : messages) {
            http.send(latencies, http.request(m.ref()).DELETE().build());
        }
    }

    @Override
    public void send(Latencies latencies, byte[] message) throws NotAvailable {
        throw NotAvailable.inClient("WebDAV has no way to send mail");
    }

    @Override
    public PushWatch watch(String folder) throws NotAvailable {
        throw NotAvailable.inClient("WebDAV has no push; a client polls with the sync-collection REPORT");
    }

    private Document propfind(Latencies latencies, String path, String body) throws Exception {
        return Xml.parse(http.send(latencies, http.request(path).header("Depth", "1")
                .header("Content-Type", "application/xml; charset=UTF-8")
                .method("PROPFIND", BodyPublishers.ofString(body)).build()));
    }

    private static String segment(String folder) {
        return URLEncoder.encode(folder, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
