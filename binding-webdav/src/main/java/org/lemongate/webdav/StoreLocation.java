package org.lemongate.webdav;

import java.nio.file.Path;

/**
 * The default place of the WebDAV state store (ADR 6): an H2 file {@code webdav} in a data directory, opened with
 * {@code AUTO_SERVER} so that several gateway processes on the host share it. The application's configuration
 * ({@code dav-store}, {@code data-dir}) decides which URL {@link WebdavBinding#install} gets.
 */
public final class StoreLocation {

    private StoreLocation() {
    }

    /** The default store: an H2 file in {@code dataDir}, shared by the processes of one host. */
    public static String defaultUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("webdav") + ";AUTO_SERVER=TRUE";
    }
}
