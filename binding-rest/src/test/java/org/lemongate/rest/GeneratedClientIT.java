package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.Content;
import org.lemongate.mapping.MailAccount;
import org.lemongate.rest.client.ApiClient;
import org.lemongate.rest.client.ApiException;
import org.lemongate.rest.client.api.DefaultApi;
import org.lemongate.rest.client.model.Mailbox;
import org.lemongate.rest.client.model.MessagePage;
import org.lemongate.rest.client.model.MessageSummary;

/**
 * A client generated from {@code openapi.json} by OpenAPI Generator (Java, {@code native} library; see this module's
 * POM, generated code in {@code target/generated-client}) works against the running gateway: it lists mailboxes,
 * lists messages and downloads a raw message byte for byte.
 */
class GeneratedClientIT extends LiveApi {

    @Test
    void generatedClientListsAndDownloads() throws Exception {
        User ann = newUser();
        ann.deliver("attachment", 1);
        DefaultApi api = new DefaultApi(client(ann.name(), PASSWORD));

        assertTrue(api.listMailboxes().getMailboxes().stream().map(Mailbox::getName).anyMatch("INBOX"::equals));

        MessagePage page = api.listMessages("INBOX", 10, null, null, null, null, null, null, null, null, null, null,
                null, null);
        assertEquals(1, page.getItems().size());
        MessageSummary summary = page.getItems().get(0);
        assertEquals("Résumé attached", summary.getSubject());

        File raw = api.getRawMessage(summary.getId(), null, null, null);
        MailAccount direct = ann.direct();
        try (Content held = direct.openRaw(org.lemongate.rest.MessageIds.parse(summary.getId()), ByteRange.ALL)) {
            assertArrayEquals(held.stream().readAllBytes(), Files.readAllBytes(raw.toPath()));
        } finally {
            Files.deleteIfExists(raw.toPath());
        }
    }

    @Test
    void generatedClientSeesTheProblemStatus() {
        DefaultApi api = new DefaultApi(client(newUser().name(), "wrong"));
        ApiException refused = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class, api::listMailboxes);
        assertEquals(401, refused.getCode());
        assertTrue(refused.getResponseBody().contains("urn:lemongate:problem:auth-failed"), refused::getResponseBody);
    }

    private static ApiClient client(String user, String password) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(server.uri("api").toString());
        client.setRequestInterceptor(request -> request.header("Authorization", Http.basic(user, password)));
        return client;
    }
}
