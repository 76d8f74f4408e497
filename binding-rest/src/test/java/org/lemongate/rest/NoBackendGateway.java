package org.lemongate.rest;

import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.GatewayStats;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailGateway;

/**
 * A gateway for tests of answers that must come before any IMAP work (routing errors, missing credentials): any
 * use of it fails the test, proving that the binding answered on its own.
 */
final class NoBackendGateway implements MailGateway {

    @Override
    public MailAccount login(Credentials credentials) {
        throw new AssertionError("the binding contacted the backend for " + credentials.user());
    }

    @Override
    public boolean backendReachable() {
        throw new AssertionError("the binding probed the backend");
    }

    @Override
    public GatewayStats stats() {
        throw new AssertionError("the binding read backend statistics");
    }

    @Override
    public void close() {
    }
}
