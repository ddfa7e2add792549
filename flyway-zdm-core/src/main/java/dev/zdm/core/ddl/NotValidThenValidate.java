package dev.zdm.core.ddl;

import dev.zdm.core.lock.SqlStates;
import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.text.Durations;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The two steps every constraint operation shares: add it {@code NOT VALID} (a strong lock for an instant, no
 * scan; from then on every new or updated row is checked) and {@code VALIDATE CONSTRAINT} in its own transaction
 * (the scan, under SHARE UPDATE EXCLUSIVE, which blocks neither reads nor writes). Each step is skipped when the
 * catalog shows it done, so a re-run after a crash at any point finishes the job.
 */
final class NotValidThenValidate {
    private NotValidThenValidate() {
    }

    /** A constraint's {@code ADD ... NOT VALID} statement for the operation's tables (the constrained one first). */
    @FunctionalInterface
    interface AddSql {
        String sql(SqlStyle style, List<QualifiedName> tables);
    }

    /** What to do about the rows that fail the check, for the message. */
    @FunctionalInterface
    interface FixRowsHint {
        String text(DdlSession session, Catalog.Table table) throws SQLException;
    }

    /**
     * The two expand steps: add the constraint with {@code add} unless it exists (undone by dropping it), then validate it
     * unless it is valid.
     *
     * @param tables         the tables the ADD locks, the constrained one first
     * @param type           expected pg_constraint.contype
     * @param addLock        the lock the ADD takes on each of {@code tables}
     * @param violationState the SQLSTATE of a row that fails the check
     */
    static List<Step> steps(List<QualifiedName> tables, String name, char type, AddSql add, LockLevel addLock, String violationState,
                            FixRowsHint fixRowsHint) {
        QualifiedName table = tables.get(0);
        Step addStep = Step.of(Phase.EXPAND, "add constraint NOT VALID", style -> add.sql(style, tables), addLock, true, tables,
                c -> existing(c, c.requireTable(table), name, type).isPresent(),
                s -> {
                    List<QualifiedName> resolved = new ArrayList<>();
                    long[] oids = new long[tables.size()];
                    for (int i = 0; i < tables.size(); i++) {
                        Catalog.Table t = s.catalog.requireTable(tables.get(i));
                        resolved.add(t.qualified());
                        oids[i] = t.oid();
                    }
                    ShortLockDdl.run(s, add.sql(SqlStyle.QUOTED, resolved), oids);
                }).whenDone(s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    String label = label(name, t);
                    if (existing(s.catalog, t, name, type).orElseThrow().validated()) {
                        s.reporter.info(label + ": already exists and is validated; nothing to do");
                    } else {
                        s.reporter.info(label + ": exists NOT VALID (an earlier run stopped before validating it); validating now");
                    }
                });
        return List.of(addStep.undoneBy(ShortLockDdl.dropConstraint(Phase.EXPAND, table, name)), validateStep(table, name, violationState, fixRowsHint));
    }

    /** {@code VALIDATE CONSTRAINT}, done when the catalog shows the constraint validated. */
    static Step validateStep(QualifiedName table, String name, String violationState, FixRowsHint fixRowsHint) {
        return Step.of(Phase.EXPAND, "validate constraint", style -> validateSql(style, table, name), LockLevel.SHARE_UPDATE_EXCLUSIVE,
                false, List.of(table),
                c -> {
                    Optional<Catalog.Table> t = c.table(table);
                    return t.isPresent() && c.constraint(t.get().oid(), name).map(Catalog.Constraint::validated).orElse(false);
                },
                s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    validate(s, t, name, violationState, fixRowsHint.text(s, t));
                });
    }

    static String validateSql(SqlStyle style, QualifiedName table, String name) {
        return "ALTER TABLE " + style.table(table) + " VALIDATE CONSTRAINT " + style.id(name);
    }

    private static String label(String name, Catalog.Table table) {
        return "constraint " + Identifiers.quote(name) + " on " + table.qualified();
    }

    /** The constraint called {@code name} on the table; an error when one of another kind carries the name. */
    private static Optional<Catalog.Constraint> existing(Catalog catalog, Catalog.Table table, String name, char type) throws SQLException {
        Optional<Catalog.Constraint> found = catalog.constraint(table.oid(), name);
        if (found.isPresent() && found.get().type() != type) {
            throw new DdlException(label(name, table) + ": a constraint of that name but of another kind already exists on the table; "
                    + "choose another name.");
        }
        return found;
    }

    /** {@code ALTER TABLE t VALIDATE CONSTRAINT c}, watched (its lock wait is bounded) and retried on contention. */
    static void validate(DdlSession s, Catalog.Table table, String name, String violationState, String fixRowsHint) throws SQLException {
        String sql = validateSql(SqlStyle.QUOTED, table.qualified(), name);
        String label = "validate constraint " + Identifiers.quote(name) + " on " + table.qualified();
        DdlRetry.run(s, attempt -> {
            long start = System.nanoTime();
            WatchedStatement.run(s, label, sql, s.options.waitTimeout());
            s.reporter.info(label + ": validated in " + Durations.format(Duration.ofNanos(System.nanoTime() - start)));
            return null;
        }, (e, failed) -> {
            if (e instanceof WaitedTooLong waited) {
                throw new DdlException(label + ": gave up after waiting " + Durations.format(waited.waited()) + " for its SHARE UPDATE "
                        + "EXCLUSIVE lock (held by VACUUM, ANALYZE, CREATE INDEX CONCURRENTLY or other DDL). In the way (pids " + waited.pids()
                        + "):" + waited.sessionsText() + "\nThe constraint stays NOT VALID (new rows are checked already). Run again when "
                        + "those sessions are done.\nStatement: " + sql, e);
            }
            if (violationState.equals(e.getSQLState())) {
                throw new DdlException(label + ": existing rows violate the constraint: " + SqlStates.describe(e)
                        + "\nThe constraint stays in place NOT VALID, so every new or updated row is already checked. What to do: "
                        + fixRowsHint + ", then run again to validate.\nStatement: " + sql, e);
            }
            if (Failures.connectionLost(s.connection, e) || !Failures.retryable(e) || failed.last()) {
                throw new DdlException(label + ": failed: " + SqlStates.describe(e) + "\nThe constraint stays NOT VALID; running "
                        + "again validates it.\nStatement: " + sql, e);
            }
            s.reporter.warn(label + ": failed on attempt " + failed.attempt() + " of " + failed.maxAttempts() + " (" + SqlStates.describe(e)
                    + "); retrying in " + Durations.format(failed.pause()));
        });
    }
}
