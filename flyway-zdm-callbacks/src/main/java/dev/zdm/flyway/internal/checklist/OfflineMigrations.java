package dev.zdm.flyway.internal.checklist;

import dev.zdm.core.lint.MigrationSource;
import dev.zdm.core.lint.MigrationVersion;
import dev.zdm.flyway.internal.LocationFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Without a database there is no history: every versioned SQL migration of the locations (then every repeatable one)
 * counts as pending, named and ordered as Flyway would, with placeholders replaced.
 */
final class OfflineMigrations {
    private OfflineMigrations() {
    }

    /** A migration file with its version (null for a repeatable one). */
    record Offline(MigrationSource source, String version) {
    }

    /** The files under the locations; a location that cannot be read stops the checklist, naming it. */
    static LocationFiles.Listing locationFiles(Configuration configuration, boolean withText) {
        try {
            return LocationFiles.list(configuration, withText);
        } catch (IOException e) {
            throw new FlywayException("flyway-zdm checklist could not read the locations "
                    + Arrays.toString(configuration.getLocations()) + " (" + e.getMessage() + "); check flyway.locations.", e);
        }
    }

    static List<Offline> read(Configuration configuration) {
        String prefix = configuration.getSqlMigrationPrefix();
        String repeatable = configuration.getRepeatableSqlMigrationPrefix();
        String separator = configuration.getSqlMigrationSeparator();
        List<Offline> versioned = new ArrayList<>();
        List<Offline> repeatables = new ArrayList<>();
        for (LocationFiles.LocationFile f : locationFiles(configuration, true).files()) {
            String name = f.name();
            if (Arrays.stream(configuration.getSqlMigrationSuffixes()).noneMatch(name::endsWith)) {
                continue;
            }
            int sep = name.indexOf(separator);
            MigrationSource source = new MigrationSource(name, f.relative(), placeholders(f.text(), configuration), null);
            if (name.startsWith(prefix) && sep > prefix.length()) {
                String version = name.substring(prefix.length(), sep).replace('_', '.');
                try {
                    MigrationVersion.parse(version);
                } catch (IllegalArgumentException e) {
                    continue; // not a migration name Flyway would take
                }
                versioned.add(new Offline(source, version));
            } else if (name.startsWith(repeatable) && sep == repeatable.length()) {
                repeatables.add(new Offline(source, null));
            }
        }
        versioned.sort(Comparator.comparing(o -> MigrationVersion.parse(o.version())));
        repeatables.sort(Comparator.comparing(o -> o.source().fileName()));
        List<Offline> out = new ArrayList<>(versioned);
        out.addAll(repeatables);
        return out;
    }

    private static String placeholders(String text, Configuration configuration) {
        if (!configuration.isPlaceholderReplacement()) {
            return text;
        }
        String result = text;
        for (Map.Entry<String, String> e : configuration.getPlaceholders().entrySet()) {
            if (e.getValue() != null) {
                result = result.replace(configuration.getPlaceholderPrefix() + e.getKey() + configuration.getPlaceholderSuffix(), e.getValue());
            }
        }
        return result;
    }
}
