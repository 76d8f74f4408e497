package org.lemongate.webdav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.SpooledMessage;
import org.lemongate.testsupport.DovecotServer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The sync-collection REPORT (RFC 6578) on Dovecot, with the mapping layer's sync tokens: what is new, changed and
 * gone since a token, invalid tokens, paging, and a run of appends at random intervals each seen exactly once.
 */
class SyncCollectionTest {

    @RegisterExtension
    static final DovecotDav DAV = new DovecotDav(DovecotServer.builder());

    /** One sync answer: hrefs with properties, hrefs reported gone, whether it was cut short, the new token. */
    private record Sync(int status, List<String> present, List<String> gone, boolean truncated, String token,
                        String body) {
    }

    private static Sync sync(String folder, String token, Integer limit) throws Exception {
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><D:sync-collection xmlns:D=\"DAV:\">"
                + "<D:sync-token>" + (token == null ? "" : token) + "</D:sync-token><D:sync-level>1</D:sync-level>"
                + (limit == null ? "" : "<D:limit><D:nresults>" + limit + "</D:nresults></D:limit>")
                + "<D:prop><D:getetag/><D:getcontentlength/></D:prop></D:sync-collection>";
        HttpResponse<String> r = DAV.server().send(DAV.alice(folder).method("REPORT",
                HttpRequest.BodyPublishers.ofString(body)).header("Depth", "0")
                .header("Content-Type", "application/xml").build());
        if (r.statusCode() != 207) {
            return new Sync(r.statusCode(), List.of(), List.of(), false, null, r.body());
        }
        Document doc = Multistatus.parseXml(r.body());
        List<String> present = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        boolean truncated = false;
        NodeList responses = doc.getElementsByTagNameNS("DAV:", "response");
        for (int i = 0; i < responses.getLength(); i++) {
            Element response = (Element) responses.item(i);
            String href = response.getElementsByTagNameNS("DAV:", "href").item(0).getTextContent().strip();
            Optional<String> status = directStatus(response);
            if (status.isEmpty()) {
                present.add(href);
            } else if (status.get().contains(" 404 ")) {
                gone.add(href);
            } else if (status.get().contains(" 507 ")) {
                truncated = true;
            }
        }
        String next = doc.getElementsByTagNameNS("DAV:", "sync-token").item(0).getTextContent().strip();
        return new Sync(207, present, gone, truncated, next, r.body());
    }

    private static Optional<String> directStatus(Element response) {
        for (Node n = response.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "status".equals(e.getLocalName())) {
                return Optional.of(e.getTextContent());
            }
        }
        return Optional.empty();
    }

    private static int send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = DAV.alice(path).method(method, body.isEmpty()
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return DAV.server().send(b.build()).statusCode();
    }

    private static String mail(String subject) {
        return "From: a@example.org\r\nSubject: " + subject + "\r\n\r\nbody\r\n";
    }

    @Test
    void reportsWhatIsNewChangedAndGoneWithANewToken() throws Exception {
        assertEquals(201, send("MKCOL", "/dav/Synced/", ""));
        assertEquals(201, send("PUT", "/dav/Synced/one.eml", mail("one")));
        assertEquals(201, send("PUT", "/dav/Synced/two.eml", mail("two")));
        Sync first = sync("/dav/Synced/", null, null);
        assertEquals(List.of("/dav/Synced/one.eml", "/dav/Synced/two.eml"), first.present(), first.body());

        assertEquals(201, send("PUT", "/dav/Synced/three.eml", mail("three")));
        assertEquals(207, send("PROPPATCH", "/dav/Synced/one.eml", "<?xml version=\"1.0\"?><D:propertyupdate"
                + " xmlns:D=\"DAV:\" xmlns:m=\"" + MailProperties.URI + "\"><D:set><D:prop><m:flagged>true"
                + "</m:flagged></D:prop></D:set></D:propertyupdate>"));
        assertEquals(204, send("DELETE", "/dav/Synced/two.eml", ""));
        Sync second = sync("/dav/Synced/", first.token(), null);

        assertEquals(Set.of("/dav/Synced/three.eml", "/dav/Synced/one.eml"), new HashSet<>(second.present()),
                second.body());
        assertEquals(List.of("/dav/Synced/two.eml"), second.gone(), second.body());
        assertFalse(second.token().equals(first.token()));
        Sync third = sync("/dav/Synced/", second.token(), null);
        assertTrue(third.present().isEmpty() && third.gone().isEmpty(), third.body());
        HttpResponse<String> propfind = DAV.server().send(DAV.alice("/dav/Synced/").method("PROPFIND",
                HttpRequest.BodyPublishers.ofString("<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:prop>"
                        + "<D:sync-token/></D:prop></D:propfind>")).header("Depth", "0").build());
        assertEquals(207, propfind.statusCode(), propfind.body());
        String tokenProperty = Multistatus.parse(propfind.body()).at("/dav/Synced/").get("sync-token");
        assertTrue(tokenProperty.startsWith(SyncCollection.TOKEN_PREFIX), tokenProperty);
    }

    @Test
    void invalidTokensAreRefusedWithValidSyncToken() throws Exception {
        Sync inbox = sync("/dav/INBOX/", null, null);

        for (String bad : List.of("urn:lemongate:sync:damaged", "http://example.org/other-server/1")) {
            Sync r = sync("/dav/INBOX/", bad, null);
            assertEquals(403, r.status(), r.body());
            assertTrue(r.body().contains("valid-sync-token"), r.body());
        }
        assertEquals(201, send("MKCOL", "/dav/Other/", ""));
        Sync foreign = sync("/dav/Other/", inbox.token(), null);
        assertEquals(403, foreign.status(), "a token of another folder: " + foreign.body());
        assertEquals(403, sync("/dav/", null, null).status(), "the root holds no messages to sync");
    }

    @Test
    void appendsAtRandomIntervalsAreEachSeenExactlyOnceThroughPagedSyncs() throws Exception {
        assertEquals(201, send("MKCOL", "/dav/Busy/", ""));
        MailAccount alice = DAV.server().gateway().login(Credentials.password("alice", "secret", "127.0.0.1"));
        Sync start = sync("/dav/Busy/", null, null);
        assertTrue(start.present().isEmpty());
        Random random = new Random(11);
        AtomicInteger appended = new AtomicInteger();
        Thread appender = new Thread(() -> {
            for (int i = 0; i < 500; i++) {
                try (SpooledMessage m = SpooledMessage.of(mail("busy " + i).getBytes(StandardCharsets.US_ASCII))) {
                    alice.append(MailboxName.of("Busy"), m, Flags.NONE, Optional.empty());
                    appended.incrementAndGet();
                    if (random.nextInt(4) == 0) {
                        TimeUnit.MILLISECONDS.sleep(random.nextInt(20));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        appender.start();
        // The first sync waits for 100 appends, so that its page of 40 is cut short whatever the machine's speed.
        while (appended.get() < 100 && appender.isAlive()) {
            TimeUnit.MILLISECONDS.sleep(10);
        }

        List<String> seen = new ArrayList<>();
        String token = start.token();
        boolean pagesWereCut = false;
        while (true) {
            boolean appending = appender.isAlive();
            Sync page = sync("/dav/Busy/", token, 40);
            assertEquals(207, page.status(), page.body());
            seen.addAll(page.present());
            pagesWereCut |= page.truncated();
            token = page.token();
            if (!appending && !page.truncated() && page.present().isEmpty()) {
                break;
            }
        }
        appender.join();

        List<String> twice = new ArrayList<>(seen);
        new HashSet<>(seen).forEach(twice::remove);
        assertEquals(List.of(), twice, "no append reported twice");
        assertEquals(500, seen.size(), "every append reported once");
        assertEquals(500, new HashSet<>(seen).size(), "no append reported twice");
        assertTrue(pagesWereCut, "the limit of 40 cut at least one page short (507 for the folder)");
    }
}
