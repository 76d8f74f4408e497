package org.lemongate.rest;

import org.junit.jupiter.api.BeforeAll;

/** {@link BatchApiTest} against a private Dovecot. */
class BatchDovecotTest extends BatchApiTest {

    @BeforeAll
    static void startDovecot() throws Exception {
        start(Backend.dovecot(PASSWORD, 20));
    }
}
