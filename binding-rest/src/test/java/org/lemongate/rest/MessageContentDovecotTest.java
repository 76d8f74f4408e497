package org.lemongate.rest;

import org.junit.jupiter.api.BeforeAll;

/** {@link MessageContentApiTest} against a private Dovecot. */
class MessageContentDovecotTest extends MessageContentApiTest {

    @BeforeAll
    static void startDovecot() throws Exception {
        start(Backend.dovecot(PASSWORD, 20));
    }
}
