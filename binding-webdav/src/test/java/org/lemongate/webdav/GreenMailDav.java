package org.lemongate.webdav;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts one {@link DavTestServer#withGreenMail()} per test class and stops it afterwards. */
final class GreenMailDav implements BeforeAllCallback, AfterAllCallback {

    private DavTestServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = DavTestServer.withGreenMail();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.close();
    }

    /** The running server. */
    DavTestServer server() {
        return server;
    }
}
