package dev.zdm.core.sql;

import java.util.List;
import java.util.Optional;

/**
 * What one statement does to the database, as far as locking and compatibility go.
 *
 * @param kind                      what sort of statement it is
 * @param analyzed                  false when the parser did not understand it (then the rest says nothing)
 * @param table                     the table it works on (for CREATE INDEX the indexed table), or null
 * @param index                     for index statements, the index, or null
 * @param created                   the relation it creates (table, view, index), or null
 * @param locks                     the table-level locks it takes, strongest per relation
 * @param rewrites                  rewrites the whole table (a new copy of every row)
 * @param scans                     reads every row while holding its lock (validation, index build)
 * @param concurrently              written with CONCURRENTLY
 * @param mustRunOutsideTransaction PostgreSQL refuses it inside a transaction block
 * @param detail                    the parsed content, for the kinds the analyzer judges
 */
public record StatementModel(StatementKind kind, boolean analyzed, RelationName table, RelationName index,
                             RelationName created, List<RelationLock> locks, boolean rewrites, boolean scans,
                             boolean concurrently, boolean mustRunOutsideTransaction, StatementDetail detail) {

    public StatementModel {
        locks = List.copyOf(locks);
    }

    static StatementModel unknown() {
        return new StatementModel(StatementKind.UNKNOWN, false, null, null, null, List.of(), false, false, false, false,
                new StatementDetail.None());
    }

    /** The lock taken on {@code relation}, if any. */
    public Optional<LockLevel> lockOn(RelationName relation) {
        return locks.stream().filter(l -> l.relation().sameAs(relation)).map(RelationLock::level).findFirst();
    }

    /** The strongest lock the statement takes on any relation, or null. */
    public LockLevel strongestLock() {
        LockLevel out = null;
        for (RelationLock l : locks) {
            out = LockLevel.max(out, l.level());
        }
        return out;
    }

    public <T extends StatementDetail> Optional<T> detail(Class<T> type) {
        return type.isInstance(detail) ? Optional.of(type.cast(detail)) : Optional.empty();
    }
}
