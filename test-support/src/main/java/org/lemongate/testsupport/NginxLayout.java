package org.lemongate.testsupport;

import java.nio.file.Path;

/**
 * Where a private nginx keeps its files: everything under one directory, nothing under /var or /etc.
 *
 * @param base the instance's directory
 */
record NginxLayout(Path base) {

    Path configFile() {
        return base.resolve("nginx.conf");
    }

    Path pidFile() {
        return base.resolve("nginx.pid");
    }

    Path errorLog() {
        return base.resolve("error.log");
    }

    Path accessLog() {
        return base.resolve("access.log");
    }

    /** Request bodies and buffered responses; written by the workers, which run as nobody. */
    Path temp() {
        return base.resolve("temp");
    }

    Path tls() {
        return base.resolve("tls");
    }
}
