package org.lemongate.webdav;

import java.util.Locale;
import java.util.Set;

/**
 * The files desktops write next to the user's own (Finder's AppleDouble {@code ._name} and {@code .DS_Store},
 * Windows' {@code Thumbs.db} and {@code desktop.ini}, KDE's {@code .directory}, ...): accepted and kept in the state
 * store, never turned into messages, so a mail client does not see them (ADR 12).
 */
final class SideFiles {

    /** Largest side file kept: far above real ones (a .DS_Store of a big folder is tens of KiB). */
    static final int MAX_BYTES = 1024 * 1024;

    private static final Set<String> NAMES = Set.of(".ds_store", "thumbs.db", "ehthumbs.db", "desktop.ini",
            ".directory", ".localized", ".metadata_never_index", ".metadata_never_index_unless_rootfs",
            ".ql_disablethumbnails", ".ql_disablecache", ".hidden", ".trashes", ".fseventsd", ".spotlight-v100",
            ".volumeicon.icns", ".com.apple.timemachine.donotpresent");

    private SideFiles() {
    }

    /** Whether a file of this name is a desktop side file. */
    static boolean isSideFile(String name) {
        return name.startsWith("._") || NAMES.contains(name.toLowerCase(Locale.ROOT));
    }
}
