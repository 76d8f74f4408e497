package org.lemongate.rest;

import org.junit.jupiter.api.BeforeAll;

/** {@link MessageWritesApiTest} against a private Dovecot. */
class MessageWritesDovecotTest extends MessageWritesApiTest {

    @BeforeAll
    static void startDovecot() throws Exception {
        start(Backend.dovecot(PASSWORD, 20));
    }
}
