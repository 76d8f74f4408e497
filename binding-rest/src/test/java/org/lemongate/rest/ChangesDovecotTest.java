package org.lemongate.rest;

import org.junit.jupiter.api.BeforeAll;

/** {@link ChangesApiTest} against a private Dovecot (changes by mod-sequence, QRESYNC). */
class ChangesDovecotTest extends ChangesApiTest {

    @BeforeAll
    static void startDovecot() throws Exception {
        start(Backend.dovecot(PASSWORD, 20));
    }
}
