package dev.zdm.flyway.internal.gate;

import dev.zdm.core.lint.MigrationSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * The SQL migrations {@code migrate} is about to apply, read through Flyway's own {@code info()} on a copy of
 * the configuration, so that locations, prefixes, target, outOfOrder and baseline are honoured exactly. That
 * copy runs on the callback's own connection (it opens none: a pool sized for plain Flyway suffices) and without
 * callbacks (the user's {@code beforeInfo}/{@code afterInfo} must not fire during migrate).
 */
final class PendingMigrations {
    private PendingMigrations() {
    }

    /** The pending SQL migrations, with placeholders replaced as Flyway would. */
    static List<MigrationSource> read(Configuration configuration, Connection connection) {
        MigrationInfo[] pending = Flyway.configure(configuration.getClassLoader()).configuration(configuration)
                .dataSource(new BorrowedConnection(connection)).callbacks(new Callback[0]).skipDefaultCallbacks(true)
                .load().info().pending();
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
