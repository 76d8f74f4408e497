package org.lemongate.app;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parsed arguments of {@code java -jar lemongate.jar}: {@code --key value} or {@code --key=value} for each
 * {@link ConfigKey}, {@code --config FILE} and {@code --help}. Positional words are reserved for subcommands, none of
 * which exists yet, so every one is refused rather than mistaken for something else.
 *
 * @param flags      the configuration flags given
 * @param configFile the properties file given with {@code --config}
 * @param help       whether help was asked for
 */
record CommandLine(Map<ConfigKey, String> flags, Optional<Path> configFile, boolean help) {

    CommandLine {
        flags = Map.copyOf(flags);
    }

    /**
     * Parses the arguments.
     *
     * @throws ConfigException for an unknown option, a missing value, a repeated option or a positional word
     */
    static CommandLine parse(String... args) {
        Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
        Optional<Path> configFile = Optional.empty();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("-")) {
                throw new ConfigException("unknown command '" + arg + "' (see --help)");
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException("unknown option '" + arg + "' (see --help)");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new ConfigException("--" + name + " needs a value (see --help)");
            }
            if (name.equals(ConfigLoader.CONFIG_FILE_KEY)) {
                if (configFile.isPresent()) {
                    throw new ConfigException("--config is given twice");
                }
                configFile = Optional.of(Path.of(value));
                continue;
            }
            ConfigKey key = ConfigKey.byKey(name)
                    .orElseThrow(() -> new ConfigException("unknown option --" + name + " (see --help)"));
            if (flags.putIfAbsent(key, value) != null) {
                throw new ConfigException("--" + name + " is given twice");
            }
        }
        return new CommandLine(flags, configFile, help);
    }
}
