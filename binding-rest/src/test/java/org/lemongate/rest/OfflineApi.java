package org.lemongate.rest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The binding in embedded Undertow in front of a {@link NoBackendGateway}: for tests of what it must answer by
 * itself, without any IMAP work.
 */
abstract class OfflineApi {

    static RestServer server;
    static Http http;

    @BeforeAll
    static void startOffline() throws Exception {
        server = RestServer.start(new NoBackendGateway());
        http = new Http(server);
    }

    @AfterAll
    static void stopOffline() throws Exception {
        server.close();
    }
}
