package org.lemongate.rest;

import org.junit.jupiter.api.BeforeAll;

/** {@link MessageListApiTest} against a private Dovecot. */
class MessageListDovecotTest extends MessageListApiTest {

    @BeforeAll
    static void startDovecot() throws Exception {
        start(Backend.dovecot(PASSWORD, 20));
    }
}
