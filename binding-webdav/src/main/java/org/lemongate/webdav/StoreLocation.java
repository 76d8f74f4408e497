package org.lemongate.webdav;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.servlet.ServletContext;

/**
 * Where the WebDAV state store is (ADR 6), read the way the application reads its other settings: the servlet
 * context parameter {@code lemongate.dav-store}, else the environment variable {@code LEMONGATE_DAV_STORE}, else an
 * H2 file {@code webdav} in the data directory ({@code lemongate.data-dir} / {@code LEMONGATE_DATA_DIR}, by default
 * {@code ~/.lemongate}), opened with {@code AUTO_SERVER} so that several gateway processes on the host share it.
 */
public final class StoreLocation {

    /** The setting naming the store's JDBC URL. */
    public static final String STORE_KEY = "dav-store";
    /** The setting naming the data directory of the default store. */
    public static final String DATA_DIR_KEY = "data-dir";

    private StoreLocation() {
    }

    /** The store's JDBC URL for this context. */
    public static String of(ServletContext context) {
        return of(k -> context.getInitParameter("lemongate." + k),
                k -> System.getenv("LEMONGATE_" + k.toUpperCase(java.util.Locale.ROOT).replace('-', '_')),
                Path.of(System.getProperty("user.home"), ".lemongate"));
    }

    /**
     * The store's JDBC URL from two setting sources, the first winning.
     *
     * @param contextParams  a setting by key, or null
     * @param environment    a setting by key, or null
     * @param defaultDataDir the data directory when neither names one
     */
    static String of(UnaryOperator<String> contextParams, UnaryOperator<String> environment, Path defaultDataDir) {
        Optional<String> url = setting(STORE_KEY, contextParams, environment);
        if (url.isPresent()) {
            return url.get();
        }
        Path dir = setting(DATA_DIR_KEY, contextParams, environment).map(Path::of).orElse(defaultDataDir);
        return defaultUrl(dir);
    }

    /** The default store: an H2 file in {@code dataDir}, shared by the processes of one host. */
    public static String defaultUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("webdav") + ";AUTO_SERVER=TRUE";
    }

    private static Optional<String> setting(String key, UnaryOperator<String> first, UnaryOperator<String> second) {
        return Optional.ofNullable(first.apply(key)).or(() -> Optional.ofNullable(second.apply(key)))
                .map(String::strip).filter(v -> !v.isEmpty());
    }
}
