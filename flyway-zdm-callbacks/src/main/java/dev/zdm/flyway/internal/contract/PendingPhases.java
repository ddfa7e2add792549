package dev.zdm.flyway.internal.contract;

import dev.zdm.core.lint.Finding;
import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.LintConfig;
import dev.zdm.core.lint.Linter;
import dev.zdm.core.lint.MigrationSource;
import dev.zdm.core.phase.MigrationPhase;
import dev.zdm.core.phase.PhaseDeclaration;
import dev.zdm.core.phase.PhaseMode;
import dev.zdm.core.sql.SqlScript;
import dev.zdm.flyway.internal.gate.PendingMigrations;
import dev.zdm.flyway.internal.phase.JavaMigrationPhases;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * The phase of each pending migration: a SQL migration's {@code -- zdm:phase=} directive (under
 * {@code flyway.zdm.phases=strict}, an undeclared one with a breaking statement is a contract), a Java migration's
 * {@code @ZdmPhase} annotation.
 */
final class PendingPhases {
    private PendingPhases() {
    }

    static List<PendingPhase> of(Configuration configuration, MigrationInfo[] pending, PhaseMode mode) {
        Map<String, MigrationSource> sources = new HashMap<>();
        for (MigrationSource source : PendingMigrations.read(configuration, pending)) {
            sources.put(source.path(), source);
        }
        Set<String> breaking = mode == PhaseMode.STRICT ? breakingFiles(sources.values()) : Set.of();
        List<PendingPhase> out = new ArrayList<>();
        for (MigrationInfo info : pending) {
            MigrationSource source = sources.get(info.getScript());
            if (source != null) {
                SqlScript script = SqlScript.parse(source.fileName(), source.text());
                out.add(new PendingPhase(info, PhaseDeclaration.effective(script, mode, breaking.contains(source.fileName())), script));
            } else {
                out.add(new PendingPhase(info, javaPhase(configuration, info), null));
            }
        }
        return out;
    }

    /** The files with a breaking statement (DROP COLUMN, renames...), found by the lint's rules. */
    private static Set<String> breakingFiles(java.util.Collection<MigrationSource> sources) {
        if (sources.isEmpty()) {
            return Set.of();
        }
        List<Finding> findings = new Linter(LintConfig.defaults()).lint(new ArrayList<>(sources)).findings();
        return findings.stream().filter(f -> f.impact() == Impact.BREAKING).map(Finding::file).collect(Collectors.toSet());
    }

    /** The phase a Java migration's class declares with {@code @ZdmPhase} (an operation migration is an expand). */
    static Optional<MigrationPhase> javaPhase(Configuration configuration, MigrationInfo info) {
        String className = info.getScript();
        if (className == null || className.endsWith(".sql")) {
            return Optional.empty();
        }
        try {
            return JavaMigrationPhases.of(className, configuration.getClassLoader());
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty(); // Flyway itself reports a class it cannot load, and the migrate-time check a bad phase
        }
    }
}
