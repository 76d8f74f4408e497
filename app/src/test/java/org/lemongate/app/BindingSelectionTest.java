package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A binding left out of {@code bindings} is not served at all, and the start page does not offer it. */
class BindingSelectionTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(TestGateway.mailSetup());

    @Test
    void onlyTheConfiguredBindingsAnswer() throws Exception {
        try (EmbeddedServer server = TestGateway.start(MAIL.getImap().getPort(), MAIL.getSmtp().getPort(),
                "--bindings", "dav")) {
            assertEquals(404, TestGateway.get(server.baseUri().resolve("/soap/mail?wsdl")).statusCode());
            assertEquals(404, TestGateway.get(server.baseUri().resolve("/api/v1/mailboxes")).statusCode());
            assertEquals(401, TestGateway.send("PROPFIND", server.baseUri().resolve("/dav/"), "Depth", "0")
                    .statusCode());
            HttpResponse<String> home = TestGateway.get(server.baseUri().resolve("/"));
            assertTrue(home.body().contains("href=\"/dav/\""), home.body());
            assertFalse(home.body().contains("wsdl") || home.body().contains("/api/v1"), home.body());
        }
    }
}
