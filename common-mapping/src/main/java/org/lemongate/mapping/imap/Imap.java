package org.lemongate.mapping.imap;

import org.lemongate.mapping.Credentials;

/** One user's handle on the gateway's connections: what the operation classes use to run IMAP work. */
final class Imap {

    private final ImapGateway gateway;
    private final Credentials credentials;

    Imap(ImapGateway gateway, Credentials credentials) {
        this.gateway = gateway;
        this.credentials = credentials;
    }

    /** Runs work that may safely run twice (reads, idempotent changes); retried once on a dead pooled connection. */
    <T> T read(String what, ImapGateway.ImapWork<T> work) {
        return gateway.run(credentials, true, what, work);
    }

    /** Runs a read that hands its data on while it runs, so that a second run would repeat it: never retried. */
    <T> T readOnce(String what, ImapGateway.ImapWork<T> work) {
        return gateway.run(credentials, false, what, work);
    }

    /** Runs work that must not run twice (APPEND, COPY, MOVE, EXPUNGE). */
    <T> T write(String what, ImapGateway.ImapWork<T> work) {
        return gateway.run(credentials, false, what, work);
    }

    /** The workers that fetch ahead of sequential body reads. */
    ReadAhead readAhead() {
        return gateway.readAhead();
    }

    Credentials credentials() {
        return credentials;
    }

    BackendSettings settings() {
        return gateway.settings();
    }
}
