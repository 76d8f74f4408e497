package org.lemongate.rest;

import org.junit.jupiter.api.BeforeAll;

/** {@link BatchIdempotencyApiTest} against a private Dovecot. */
class BatchIdempotencyDovecotTest extends BatchIdempotencyApiTest {

    @BeforeAll
    static void startDovecot() throws Exception {
        start(Backend.dovecot(PASSWORD, 10));
    }
}
