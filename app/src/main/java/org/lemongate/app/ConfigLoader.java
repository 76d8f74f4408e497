package org.lemongate.app;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.servlet.ServletContext;

import org.lemongate.mapping.PageRequest;
import org.lemongate.rest.PushSettings;
import org.lemongate.webdav.StoreLocation;

/**
 * Builds the {@link GatewayConfig} from its sources, the first source that sets a key winning: command-line flags,
 * then {@code LEMONGATE_*} environment variables, then the properties file, then the defaults. A deployed WAR reads
 * its servlet context parameters where the jar reads flags.
 */
final class ConfigLoader {

    /** Names the properties file: {@code --config FILE}, {@code LEMONGATE_CONFIG} or {@code lemongate.config}. */
    static final String CONFIG_FILE_KEY = "config";

    // A hold longer than a few minutes outlives every proxy and NAT binding; a heartbeat too.
    private static final Duration MIN_PUSH_TIMING = Duration.ofSeconds(1);
    private static final Duration MAX_HOLD = Duration.ofMinutes(5);
    private static final Duration MAX_HEARTBEAT = Duration.ofMinutes(5);

    private final List<ConfigSource> sources;

    private ConfigLoader(List<ConfigSource> sources) {
        this.sources = List.copyOf(sources);
    }

    /** The configuration of the self-contained jar. */
    static GatewayConfig forCommandLine(CommandLine cli, Map<String, String> env) {
        List<ConfigSource> sources = new ArrayList<>();
        sources.add(ConfigSource.commandLine(cli.flags()));
        sources.add(ConfigSource.environment(env));
        cli.configFile()
                .or(() -> Optional.ofNullable(env.get(ConfigKey.environmentVariable(CONFIG_FILE_KEY))).map(Path::of))
                .ifPresent(file -> sources.add(ConfigSource.propertiesFile(file)));
        return new ConfigLoader(sources).load();
    }

    /** The configuration of a deployed WAR. */
    static GatewayConfig forServletContext(ServletContext ctx, Map<String, String> env) {
        List<ConfigSource> sources = new ArrayList<>();
        sources.add(ConfigSource.servletContext(ctx));
        sources.add(ConfigSource.environment(env));
        Optional.ofNullable(ctx.getInitParameter(ConfigKey.CONTEXT_PARAM_PREFIX + CONFIG_FILE_KEY))
                .or(() -> Optional.ofNullable(env.get(ConfigKey.environmentVariable(CONFIG_FILE_KEY))))
                .ifPresent(file -> sources.add(ConfigSource.propertiesFile(Path.of(file))));
        return new ConfigLoader(sources).load();
    }

    private GatewayConfig load() {
        GatewayConfig config = parse();
        if (!config.demoMode()) {
            // Builds them once so that whatever the connector would refuse is refused now, at start-up.
            config.backendSettings();
        }
        return config;
    }

    private GatewayConfig parse() {
        return new GatewayConfig(
                optional(ConfigKey.IMAP, v -> ConfigValues.serverUrl(v, "imap", "imaps")),
                optional(ConfigKey.SMTP, v -> ConfigValues.serverUrl(v, "smtp", "smtps")),
                required(ConfigKey.IMAP_STARTTLS, ConfigValues::startTls),
                optional(ConfigKey.TRUST_STORE, Path::of),
                optional(ConfigKey.TRUST_STORE_PASSWORD, ConfigValues::nonEmpty),
                required(ConfigKey.PORT, v -> ConfigValues.integer(v, 0, 65535)),
                required(ConfigKey.BIND, ConfigValues::host),
                duration(ConfigKey.CONNECT_TIMEOUT),
                duration(ConfigKey.READ_TIMEOUT),
                duration(ConfigKey.WRITE_TIMEOUT),
                required(ConfigKey.MAX_CONNECTIONS_PER_USER, v -> ConfigValues.integer(v, 1, 64)),
                duration(ConfigKey.IDLE_EVICTION),
                required(ConfigKey.FETCH_CHUNK, v -> (int) ConfigValues.size(v, 4096, 64L << 20)),
                required(ConfigKey.MAX_PAGE_SIZE, v -> ConfigValues.integer(v, 1, PageRequest.MAX_SIZE)),
                required(ConfigKey.MAX_UPLOAD, v -> ConfigValues.size(v, 1, 1L << 40)),
                optional(ConfigKey.SPOOL_DIR, Path::of)
                        .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"))),
                required(ConfigKey.LOGIN_FAILURE_LIMIT, v -> ConfigValues.integer(v, 1, 10_000)),
                duration(ConfigKey.LOGIN_FAILURE_WINDOW),
                required(ConfigKey.BINDINGS, ConfigValues::bindings),
                new EdgeSettings(
                        optional(ConfigKey.TRUSTED_PROXIES, TrustedProxies::parse).orElse(TrustedProxies.NONE),
                        optional(ConfigKey.PUBLIC_URL, PublicUrl::parse),
                        required(ConfigKey.INSECURE_CREDENTIALS, CredentialsPolicy::parse),
                        optional(ConfigKey.ALLOWED_ORIGINS, EdgeSettings::origins).orElse(Set.of())),
                new ServerTls(optional(ConfigKey.TLS_CERT, Path::of), optional(ConfigKey.TLS_KEY, Path::of),
                        optional(ConfigKey.TLS_KEYSTORE, Path::of),
                        optional(ConfigKey.TLS_KEYSTORE_PASSWORD, ConfigValues::nonEmpty),
                        optional(ConfigKey.HTTP_REDIRECT_PORT, v -> ConfigValues.integer(v, 0, 65535))),
                push(),
                optional(ConfigKey.DAV_STORE, ConfigValues::h2Url).orElseGet(() -> StoreLocation.defaultUrl(
                        optional(ConfigKey.DATA_DIR, Path::of).orElseGet(ConfigLoader::defaultDataDir))));
    }

    private static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".lemongate");
    }

    private PushSettings push() {
        PushSettings d = PushSettings.defaults();
        Duration minHeartbeat = seconds(ConfigKey.PUSH_MIN_HEARTBEAT, MIN_PUSH_TIMING, MAX_HEARTBEAT);
        Duration maxHeartbeat = seconds(ConfigKey.PUSH_MAX_HEARTBEAT, MIN_PUSH_TIMING, MAX_HEARTBEAT);
        Duration heartbeat = seconds(ConfigKey.PUSH_HEARTBEAT, MIN_PUSH_TIMING, MAX_HEARTBEAT);
        if (minHeartbeat.compareTo(heartbeat) > 0 || heartbeat.compareTo(maxHeartbeat) > 0) {
            throw new ConfigException("invalid push heartbeat: " + ConfigKey.PUSH_MIN_HEARTBEAT.key() + " ("
                    + minHeartbeat.toSeconds() + "s) <= " + ConfigKey.PUSH_HEARTBEAT.key() + " ("
                    + heartbeat.toSeconds() + "s) <= " + ConfigKey.PUSH_MAX_HEARTBEAT.key() + " ("
                    + maxHeartbeat.toSeconds() + "s) must hold");
        }
        return new PushSettings(seconds(ConfigKey.PUSH_MAX_HOLD, MIN_PUSH_TIMING, MAX_HOLD), heartbeat,
                minHeartbeat, maxHeartbeat, d.retry(), d.maxStream(), d.ticketLifetime(),
                optional(ConfigKey.PUSH_TICKET_KEY, ConfigValues::aesKey), d.pushThreads());
    }

    private Duration seconds(ConfigKey key, Duration min, Duration max) {
        return required(key, v -> ConfigValues.wholeSeconds(v, min, max));
    }

    private Duration duration(ConfigKey key) {
        return required(key, ConfigValues::duration);
    }

    private <T> T required(ConfigKey key, Function<String, T> parser) {
        return optional(key, parser).orElseThrow(() -> new IllegalStateException(key + " has no default"));
    }

    private <T> Optional<T> optional(ConfigKey key, Function<String, T> parser) {
        for (ConfigSource source : sources) {
            Optional<String> raw = source.get(key);
            if (raw.isPresent()) {
                return Optional.of(parse(key, raw.get().strip(), parser, source.label().apply(key)
                        + " (from " + source.name() + ")"));
            }
        }
        return key.defaultValue().map(v -> parse(key, v, parser, key.key() + " (default)"));
    }

    private static <T> T parse(ConfigKey key, String raw, Function<String, T> parser, String where) {
        try {
            return parser.apply(raw);
        } catch (RuntimeException e) {
            String shown = key.secret() ? "" : " '" + printable(raw) + "'";
            throw new ConfigException("invalid value" + shown + " for " + where + ": " + e.getMessage());
        }
    }

    /** Keeps an echoed value on one line and short, whatever was given. */
    private static String printable(String raw) {
        String oneLine = raw.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() > 80 ? oneLine.substring(0, 80) + "..." : oneLine;
    }
}
