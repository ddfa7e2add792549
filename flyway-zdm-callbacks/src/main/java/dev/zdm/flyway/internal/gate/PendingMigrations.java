package dev.zdm.flyway.internal.gate;

import dev.zdm.core.lint.MigrationSource;
import dev.zdm.flyway.internal.LocationFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import dev.zdm.core.lint.MigrationVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * The SQL migrations {@code migrate} is about to apply, read through Flyway's own {@code info()} on a copy of
 * the configuration, so that locations, prefixes, target, outOfOrder and baseline are honoured exactly. That
 * copy runs on the callback's own connection (it opens none: a pool sized for plain Flyway suffices) and without
 * callbacks (the user's {@code beforeInfo}/{@code afterInfo} must not fire during migrate).
 */
public final class PendingMigrations {
    private PendingMigrations() {
    }

    /**
     * True when nothing can be pending, found without Flyway: every file in the locations that is a migration is a
     * versioned SQL migration whose version is applied, and nothing else resolves migrations (Java migrations,
     * custom resolvers, repeatable migrations). False means "ask Flyway" (it may still find nothing).
     */
    public static boolean certainlyNone(Configuration configuration, Connection connection) throws SQLException {
        return certainlyNone(configuration, () -> AppliedHistory.appliedVersions(configuration, connection));
    }

    /** {@link #certainlyNone(Configuration, Connection)} with the applied versions already read. */
    public static boolean certainlyNone(Configuration configuration, List<MigrationVersion> appliedVersions) throws SQLException {
        return certainlyNone(configuration, () -> appliedVersions);
    }

    /** The file names under the locations, empty when they cannot be listed cheaply: Flyway's resolvers decide then. */
    private static Optional<List<String>> fileNames(Configuration configuration) {
        try {
            LocationFiles.Listing listing = LocationFiles.list(configuration, false);
            return listing.complete() ? Optional.of(listing.names()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private interface Applied {
        List<MigrationVersion> read() throws SQLException;
    }

    private static boolean certainlyNone(Configuration configuration, Applied appliedVersions) throws SQLException {
        if (configuration.getJavaMigrations().length > 0 || configuration.getResolvers().length > 0) {
            return false;
        }
        Optional<List<String>> names = fileNames(configuration);
        if (names.isEmpty()) {
            return false;
        }
        String prefix = configuration.getSqlMigrationPrefix();
        String separator = configuration.getSqlMigrationSeparator();
        String repeatable = configuration.getRepeatableSqlMigrationPrefix();
        List<MigrationVersion> versions = new ArrayList<>();
        for (String name : names.get()) {
            boolean sql = Arrays.stream(configuration.getSqlMigrationSuffixes()).anyMatch(name::endsWith);
            if (name.endsWith(".class") && (name.startsWith("V") || name.startsWith("R"))
                    || sql && name.startsWith(repeatable) && name.indexOf(separator) > 0) {
                return false; // a Java or a repeatable migration: Flyway decides
            }
            if (sql && name.startsWith(prefix) && name.indexOf(separator) > prefix.length()) {
                try {
                    versions.add(MigrationVersion.parse(name.substring(prefix.length(), name.indexOf(separator))));
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
        }
        List<MigrationVersion> applied = appliedVersions.read();
        return versions.stream().allMatch(v -> applied.stream().anyMatch(a -> a.compareTo(v) == 0));
    }

    /** The pending SQL migrations, with placeholders replaced as Flyway would. */
    public static List<MigrationSource> read(Configuration configuration, Connection connection) {
        return read(configuration, info(configuration, connection).pending());
    }

    /** The SQL migrations among {@code pending} (Flyway's {@code info().pending()}), with placeholders replaced. */
    public static List<MigrationSource> read(Configuration configuration, MigrationInfo[] pending) {
        List<MigrationSource> out = new ArrayList<>();
        for (MigrationInfo info : pending) {
            if (info.getType() == null || !info.getType().name().contains("SQL") || info.getScript() == null
                    || !info.getScript().toLowerCase().endsWith(".sql")) {
                continue;
            }
            String text = text(configuration, info);
            if (text == null) {
                continue;
            }
            String name = info.getScript().contains("/") ? info.getScript().substring(info.getScript().lastIndexOf('/') + 1) : info.getScript();
            if (configuration.isPlaceholderReplacement()) {
                text = replacePlaceholders(text, configuration);
            }
            out.add(new MigrationSource(name, info.getScript(), text, null));
        }
        return out;
    }

    /** Flyway's {@code info()} for this configuration, on {@code connection} and without callbacks. */
    public static MigrationInfoService info(Configuration configuration, Connection connection) {
        return Flyway.configure(configuration.getClassLoader()).configuration(configuration)
                .dataSource(new BorrowedConnection(connection)).callbacks(new Callback[0]).skipDefaultCallbacks(true)
                .load().info();
    }

    private static String text(Configuration configuration, MigrationInfo info) {
        String physical = info.getPhysicalLocation();
        if (physical != null && !physical.isEmpty()) {
            Path path = Path.of(physical);
            if (Files.isRegularFile(path)) {
                try {
                    return Files.readString(path, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    // fall through to the class path
                }
            }
        }
        for (Location location : configuration.getLocations()) {
            if (!location.isClassPath()) {
                continue;
            }
            String resource = (location.getRootPath().isEmpty() ? "" : location.getRootPath() + "/") + info.getScript();
            try (InputStream in = configuration.getClassLoader().getResourceAsStream(resource)) {
                if (in != null) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                // try the next location
            }
        }
        return null;
    }

    private static String replacePlaceholders(String text, Configuration configuration) {
        String result = text;
        for (Map.Entry<String, String> e : configuration.getPlaceholders().entrySet()) {
            if (e.getValue() != null) {
                result = result.replace(configuration.getPlaceholderPrefix() + e.getKey() + configuration.getPlaceholderSuffix(), e.getValue());
            }
        }
        return result;
    }
}
