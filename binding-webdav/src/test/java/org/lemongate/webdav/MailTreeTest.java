package org.lemongate.webdav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.PageRequest;
import org.lemongate.mapping.SpooledMessage;

/** The mailbox tree as WebDAV collections, against GreenMail through the real connector. */
class MailTreeTest {

    @RegisterExtension
    static final GreenMailDav DAV = new GreenMailDav();

    private static DavTestServer dav() {
        return DAV.server();
    }

    @Test
    void rootDepthOneListsTopLevelMailboxesAsCollections() throws Exception {
        HttpResponse<String> r = dav().propfind("/dav/", "1", "");

        assertEquals(207, r.statusCode(), r.body());
        Multistatus ms = Multistatus.parse(r.body());
        assertEquals("collection", ms.at("/dav/").get("resourcetype"));
        assertEquals("collection", ms.at("/dav/INBOX/").get("resourcetype"));
        assertEquals("Archive", ms.at("/dav/Archive/").get("displayname"));
        assertFalse(ms.responses().containsKey("/dav/Archive/2026/"), "Depth 1 must not include grandchildren");
    }

    @Test
    void nestedMailboxesAreNestedCollections() throws Exception {
        Multistatus ms = Multistatus.parse(dav().propfind("/dav/Archive/", "1", "").body());

        Map<String, String> year = ms.at("/dav/Archive/2026/");
        assertEquals("collection", year.get("resourcetype"));
        assertEquals("2026", year.get("displayname"));
    }

    @Test
    void depthZeroAnswersForTheFolderAloneAndWithoutTrailingSlashToo() throws Exception {
        HttpResponse<String> r = dav().propfind("/dav/Archive", "0", "");

        assertEquals(207, r.statusCode(), r.body());
        Multistatus ms = Multistatus.parse(r.body());
        assertEquals(1, ms.responses().size(), ms.responses().keySet().toString());
        assertEquals("collection", ms.at("/dav/Archive/").get("resourcetype"));
    }

    @Test
    void propfindForNamedPropertiesReportsOnlyThose() throws Exception {
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><D:propfind xmlns:D=\"DAV:\"><D:prop>"
                + "<D:displayname/><D:resourcetype/></D:prop></D:propfind>";

        Multistatus ms = Multistatus.parse(dav().propfind("/dav/INBOX", "0", body).body());

        assertEquals(Map.of("displayname", "INBOX", "resourcetype", "collection"), ms.at("/dav/INBOX/"));
    }

    @Test
    void anUnknownPathIsNotFound() throws Exception {
        HttpResponse<String> r = dav().propfind("/dav/Nowhere/", "0", "");

        assertEquals(404, r.statusCode());
    }

    @Test
    void anotherUsersMailboxesAreNotVisible() throws Exception {
        HttpResponse<String> r = dav().send(dav().request("/dav/", DavTestServer.BOB, DavTestServer.BOB_PASSWORD)
                .method("PROPFIND", java.net.http.HttpRequest.BodyPublishers.noBody()).header("Depth", "1").build());

        Multistatus ms = Multistatus.parse(r.body());
        assertTrue(ms.responses().containsKey("/dav/INBOX/"));
        assertFalse(ms.responses().containsKey("/dav/Archive/"), "Bob sees Alice's Archive");
    }

    @Test
    void quotaPropertiesAreNotFoundWhereTheServerHasNoQuota() throws Exception {
        String body = "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:prop><D:quota-available-bytes/>"
                + "<D:quota-used-bytes/></D:prop></D:propfind>";

        HttpResponse<String> r = dav().propfind("/dav/", "0", body);

        assertEquals(207, r.statusCode());
        Multistatus ms = Multistatus.parse(r.body());
        assertEquals(Map.of(), ms.at("/dav/"), "GreenMail has no QUOTA, so nothing may be reported with 200");
        assertTrue(r.body().contains("quota-used-bytes") && r.body().contains("404"), r.body());
    }

    @Test
    void aFolderLargerThanOnePageIsListedCompletelyAndOnceEach() throws Exception {
        int count = PageRequest.MAX_SIZE + 7;
        MailAccount alice = dav().gateway().login(Credentials.password(DavTestServer.ALICE,
                DavTestServer.ALICE_PASSWORD, "127.0.0.1"));
        MailboxName bulk = alice.createMailbox(MailboxName.of("Bulk")).name();
        for (int i = 0; i < count; i++) {
            alice.append(bulk, SpooledMessage.of(("Subject: bulk " + i + "\r\n\r\nbody\r\n")
                    .getBytes(StandardCharsets.US_ASCII)), Flags.NONE, Optional.empty());
        }

        HttpResponse<String> r = dav().propfind("/dav/Bulk/", "1",
                "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:prop><D:displayname/></D:prop></D:propfind>");

        assertEquals(207, r.statusCode());
        Multistatus ms = Multistatus.parse(r.body());
        Set<String> subjects = new HashSet<>();
        ms.responses().values().forEach(p -> subjects.add(p.get("displayname")));
        assertEquals(count + 1, ms.responses().size());
        for (int i = 0; i < count; i++) {
            assertTrue(subjects.contains("bulk " + i), "missing bulk " + i);
        }
    }
}
