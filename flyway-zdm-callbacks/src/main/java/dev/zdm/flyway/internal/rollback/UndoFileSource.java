package dev.zdm.flyway.internal.rollback;

import dev.zdm.core.lint.MigrationSource;
import dev.zdm.core.phase.rollback.RollbackScript;
import dev.zdm.flyway.internal.gate.LiveLint;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Undo files beside the migrations: {@code U<version>__<anything>.sql} (Flyway's paid edition's naming; the free
 * edition ignores such files at migrate and validate, pinned by {@code UndoFilesIgnoredByFlywayTest}). They are found
 * by Flyway itself, so every location form Flyway reads works (filesystem, class path, jars): a copy of the
 * configuration with {@code U} as the versioned prefix, reading an absent history table (so every file is "pending"),
 * with no callbacks and no Java migrations, lists them; placeholders are replaced as in the migrations.
 */
final class UndoFileSource implements RollbackSource {
    static final String PREFIX = "U";
    /** A history table no database has: the copy's {@code info()} then reads no history. */
    private static final String NO_HISTORY = "zdm_rollback_lists_undo_files";

    private final Map<MigrationVersion, MigrationSource> files;

    private UndoFileSource(Map<MigrationVersion, MigrationSource> files) {
        this.files = files;
    }

    /** The undo files of {@code configuration}'s locations, listed through {@code connection}. */
    static UndoFileSource of(Configuration configuration, Connection connection) {
        FluentConfiguration scan = Flyway.configure(configuration.getClassLoader()).configuration(configuration)
                .sqlMigrationPrefix(PREFIX).validateMigrationNaming(false).table(NO_HISTORY).target("latest")
                .javaMigrations().resolvers(new org.flywaydb.core.api.resolver.MigrationResolver[0])
                // no class scan: a Java migration V2__X beside U2__x.sql would clash with it ("more than one migration with version 2")
                .javaMigrationClassProvider(List::of);
        List<MigrationInfo> undo = new ArrayList<>();
        Map<String, MigrationVersion> versions = new HashMap<>();
        for (MigrationInfo info : LiveLint.migrations(scan, connection).all()) {
            if (info.getVersion() != null && info.getScript() != null && fileName(info.getScript()).startsWith(PREFIX)) {
                undo.add(info);
                versions.put(info.getScript(), info.getVersion());
            }
        }
        Map<MigrationVersion, MigrationSource> files = new HashMap<>();
        for (MigrationSource source : LiveLint.sources(scan, undo.toArray(new MigrationInfo[0]))) {
            files.put(versions.get(source.path()), source);
        }
        return new UndoFileSource(files);
    }

    @Override
    public Optional<MigrationRollback> find(Candidate migration) {
        return Optional.ofNullable(files.get(migration.version()))
                .map(f -> new SqlRollback(RollbackScript.ofFile(f.fileName(), f.text()), List.of()));
    }

    private static String fileName(String script) {
        return script.contains("/") ? script.substring(script.lastIndexOf('/') + 1) : script;
    }
}
