package org.lemongate.compare;

import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The WebDAV binding as a sync tool uses it: PROPFIND Depth 1 for listings, GET of the {@code .eml} file to read a
 * message (WebDAV cannot address a part, so the attachment comes with its message), {@code Range} to resume, and
 * one PROPPATCH, MOVE or DELETE per file. It has no submission and no push.
 */
final class DavClient extends GatewayClient {

    private static final String LIST_BODY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<D:propfind xmlns:D=\"DAV:\" xmlns:m=\"urn:lemongate:mail\"><D:prop><D:getcontentlength/>"
            + "<D:getetag/><m:uid/><m:subject/><m:flags/></D:prop></D:propfind>";
    private static final String FOLDERS_BODY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:resourcetype/><D:displayname/></D:prop></D:propfind>";
    private static final String FLAG_BODY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<D:propertyupdate xmlns:D=\"DAV:\" xmlns:m=\"urn:lemongate:mail\"><D:set><D:prop>"
            + "<m:flagged>true</m:flagged></D:prop></D:set></D:propertyupdate>";

    DavClient(HttpTransport http) {
        super("WebDAV", http);
    }

    @Override
    public List<MessageHandle> sync(Latencies latencies, String folder, boolean initial) throws Exception {
        if (initial) {
            propfind(latencies, "dav/", FOLDERS_BODY);
        }
        String collection = "dav/" + segment(folder) + "/";
        Document listing = propfind(latencies, collection, LIST_BODY);
        List<MessageHandle> all = new ArrayList<>();
        for (Element response : Xml.all(listing, "response")) {
            String uid = Xml.text(response, "uid");
            if (!uid.isEmpty()) {
                all.add(new MessageHandle(Long.parseLong(uid), Xml.text(response, "href"),
                        Xml.text(response, "subject"), Long.parseLong(Xml.text(response, "getcontentlength"))));
            }
        }
        return all;
    }

    @Override
    public String incrementalSync() {
        return "full PROPFIND relisting (no sync-collection REPORT on this gateway)";
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
        throw NotAvailable.inClient("WebDAV has no push; a client polls (no sync-collection REPORT on this gateway yet)");
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
