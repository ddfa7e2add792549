package dev.zdm.flyway.internal.contract;

import dev.zdm.core.phase.MigrationPhase;
import dev.zdm.core.phase.PhaseEntry;
import dev.zdm.core.sql.SqlScript;
import java.util.Optional;
import org.flywaydb.core.api.MigrationInfo;

/**
 * A pending migration with the phase it declares (or, under {@code flyway.zdm.phases=strict}, is treated as).
 *
 * @param script the parsed SQL script, null for a Java migration
 */
record PendingPhase(MigrationInfo info, Optional<MigrationPhase> phase, SqlScript script) {

    boolean contract() {
        return phase.filter(p -> p == MigrationPhase.CONTRACT).isPresent();
    }

    /** The name the history and the phase records use: the script (SQL) or class name (Java). */
    String name() {
        return name(info);
    }

    String version() {
        return info.getVersion() == null ? null : info.getVersion().getVersion();
    }

    String phaseValue() {
        return phase.map(MigrationPhase::value).orElse(PhaseEntry.UNDECLARED);
    }

    static String name(MigrationInfo info) {
        String script = info.getScript();
        return script != null && !script.isEmpty() ? script : "V" + info.getVersion() + "__" + info.getDescription();
    }

    /** {@code V7__drop_name.sql (contract)}. */
    String describe() {
        String script = info.getScript();
        String file = script != null && script.contains("/") ? script.substring(script.lastIndexOf('/') + 1) : name();
        return file + phase.map(p -> " (" + p.value() + ")").orElse("");
    }
}
