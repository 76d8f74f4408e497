package org.lemongate.rest;

import java.util.function.Consumer;

import org.lemongate.mapping.ChangeSignal;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.GatewayStats;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailGateway;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.Subscription;

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
    public Subscription watch(Credentials credentials, MailboxName mailbox, Consumer<ChangeSignal> listener) {
        throw new AssertionError("the binding watched the backend for " + credentials.user());
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
