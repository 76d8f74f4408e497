package org.lemongate.webdav;

import java.net.URI;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.lemongate.testsupport.DovecotServer;

/**
 * A real Dovecot with user {@code alice} (password {@code secret}) behind the binding, for one test class. Started
 * on first use rather than before all tests, so that a missing Dovecot skips each test visibly instead of hiding
 * the class (docs/testing.md); stopped after the class.
 */
final class DovecotDav implements AfterAllCallback {

    private final DovecotServer.Builder builder;
    private DovecotServer dovecot;
    private DavTestServer dav;

    DovecotDav(DovecotServer.Builder builder) {
        this.builder = builder.user("alice", "secret");
    }

    /** The running binding, started on first use. */
    synchronized DavTestServer server() throws Exception {
        if (dav == null) {
            dovecot = builder.start();
            dav = DavTestServer.withImap(URI.create(dovecot.imapUrl()));
        }
        return dav;
    }

    /** The Dovecot behind it; call {@link #server()} first. */
    DovecotServer dovecot() {
        return dovecot;
    }

    /** A request as Alice. */
    HttpRequest.Builder alice(String path) throws Exception {
        return server().request(path, "alice", "secret");
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws Exception {
        if (dav != null) {
            dav.close();
        }
        if (dovecot != null) {
            dovecot.close();
        }
    }
}
