package dev.zdm.flyway.internal.rollback;

import dev.zdm.core.phase.rollback.RollbackSection;
import dev.zdm.core.sql.SqlScript;
import java.util.Optional;

/** The {@code -- zdm:rollback} section at the end of a SQL migration ({@link RollbackSection}). */
final class SectionSource implements RollbackSource {

    @Override
    public Optional<MigrationRollback> find(Candidate migration) {
        return migration.text().flatMap(text -> RollbackSection.of(SqlScript.parse(migration.fileName(), text)))
                .map(section -> new SqlRollback(section.script(), section.problems().stream()
                        .map(p -> migration.fileName() + ":" + p.line() + ": " + p.written() + ": " + p.message() + " Fix: " + p.fix()).toList()));
    }
}
