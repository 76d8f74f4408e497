package org.lemongate.rest;

import org.junit.jupiter.api.BeforeAll;

/** {@link AppendApiTest} against a private Dovecot. */
class AppendDovecotTest extends AppendApiTest {

    @BeforeAll
    static void startDovecot() throws Exception {
        start(Backend.dovecot(PASSWORD, 20));
    }
}
