package dev.zdm.core.ddl;

import dev.zdm.core.lock.SqlStates;
import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.text.Durations;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code CREATE INDEX CONCURRENTLY}: SHARE UPDATE EXCLUSIVE on the table, so reads and writes go on. Idempotent:
 * an INVALID index of the same name (left by a failed, cancelled or killed build) is dropped concurrently and
 * built again, also under {@code IF NOT EXISTS} (where PostgreSQL alone would keep the broken index); a valid
 * one with the same definition counts as done, with or without {@code IF NOT EXISTS}; a different one is an error
 * (kept with a warning under {@code IF NOT EXISTS}). A failed build is cleaned up and, when another attempt can succeed
 * (cancelled, deadlock), retried. Waiting for older transactions is reported and bounded (see {@link WaitWatch}).
 * A partitioned table takes {@link CreatePartitionedIndex}'s path.
 */
final class CreateIndexConcurrently {
    /** Dropping the leftover after giving up waits at most this long: the same sessions are probably still in the way. */
    static final Duration CLEANUP_WAIT_CAP = Duration.ofSeconds(30);

    private final IndexSpec spec;

    CreateIndexConcurrently(IndexSpec spec) {
        this.spec = spec;
    }

    /**
     * One expand step: the build (on a partitioned table, {@link CreatePartitionedIndex}'s steps in one), done when a valid
     * index of the name is on the table; undone by dropping the index concurrently. A done build is still run: it finds
     * the index, compares its definition and says so.
     */
    static Operation operation(IndexSpec spec) {
        Step build = Step.of(Phase.EXPAND, "build the index concurrently", style -> spec.createConcurrently(style, spec.table()),
                LockLevel.SHARE_UPDATE_EXCLUSIVE, false, List.of(spec.table()),
                c -> spec.name() != null && validIndex(c, spec.table(), spec.name()),
                s -> new CreateIndexConcurrently(spec).apply(s));
        build = build.whenDone(s -> new CreateIndexConcurrently(spec).apply(s));
        if (spec.name() != null) {
            build = build.undoneBy(DropIndexConcurrently.dropStep(new QualifiedName(spec.table().schema(), spec.name())));
        }
        return new Operation("create index " + (spec.name() == null ? "(unnamed)" : spec.name()) + " on " + spec.table(), List.of(build));
    }

    /** A valid index called {@code name} on {@code table}, not being built right now. */
    static boolean validIndex(Catalog c, QualifiedName table, String name) throws SQLException {
        Optional<Catalog.Table> t = c.table(table);
        if (t.isEmpty()) {
            return false;
        }
        Optional<Catalog.Index> index = c.index(t.get().schema(), name);
        return index.isPresent() && index.get().tableOid() == t.get().oid() && index.get().valid() && index.get().buildingPid() == 0;
    }

    void apply(DdlSession s) throws SQLException {
        Catalog.Table table = s.catalog.requireTable(spec.table());
        if (table.partitioned()) {
            new CreatePartitionedIndex(spec).apply(s);
            return;
        }
        build(s, table);
    }

    /** Builds on a table that is not partitioned (also each partition of {@link CreatePartitionedIndex}). */
    void build(DdlSession s, Catalog.Table table) throws SQLException {
        String sql = spec.createConcurrently(table.qualified());
        String label = "index " + (spec.name() == null ? "(unnamed)" : Identifiers.quote(spec.name())) + " on " + table.qualified();
        // Set by each attempt: the invalid indexes before the build (to tell its leftover apart), and whether the build
        // statement itself failed (failures while looking at the name are final as they are).
        List<Set<Long>> invalidBefore = new ArrayList<>(List.of(Set.of()));
        boolean[] building = {false};
        DdlRetry.run(s, attempt -> {
            building[0] = false;
            if (spec.name() != null && !prepareName(s, table, label)) {
                return null;
            }
            invalidBefore.set(0, oids(s.catalog.invalidIndexes(table.oid())));
            long start = System.nanoTime();
            building[0] = true;
            WatchedStatement.run(s, label, sql, s.options.waitTimeout());
            s.reporter.info(label + ": built in " + Durations.format(Duration.ofNanos(System.nanoTime() - start)));
            return null;
        }, (e, failed) -> {
            if (!building[0]) {
                throw e;
            }
            if (e instanceof WaitedTooLong waited) {
                String cleanup = cleanUp(s, table, invalidBefore.get(0), cleanupBudget(s));
                throw new DdlException(label + ": CREATE INDEX CONCURRENTLY gave up after waiting " + Durations.format(waited.waited())
                        + " for older transactions (wait timeout " + Durations.format(s.options.waitTimeout()) + "). A concurrent build "
                        + "must wait until every transaction that was running when it started has ended. In the way (pids " + waited.pids()
                        + "):" + waited.sessionsText() + "\nThe build was cancelled. " + cleanup
                        + "\nWhat to do: let those transactions finish (an 'idle in transaction' session is usually an application that "
                        + "forgot to commit), or end them with SELECT pg_terminate_backend(pid), or allow a longer wait; then run again: "
                        + "the next run drops any invalid leftover and builds the index.\nStatement: " + sql, e);
            }
            if (Failures.connectionLost(s.connection, e)) {
                throw new DdlException(label + ": the connection was lost during CREATE INDEX CONCURRENTLY (" + SqlStates.describe(e)
                        + "). An INVALID index may be left behind; the next run drops it and builds the index again.\nStatement: " + sql, e);
            }
            String cleanup = cleanUp(s, table, invalidBefore.get(0), cleanupBudget(s));
            if (Failures.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new DdlException(label + ": the unique index cannot be built because the table has duplicate values: "
                        + SqlStates.describe(e) + "\n" + cleanup + "\nWhat to do: remove or merge the duplicate rows (find them with "
                        + "SELECT <columns>, count(*) FROM " + table.qualified().quoted() + " GROUP BY <columns> HAVING count(*) > 1), "
                        + "and make sure the application stops writing new ones; then run again.\nStatement: " + sql, e);
            }
            if (!Failures.retryable(e) || failed.last()) {
                throw new DdlException(label + ": CREATE INDEX CONCURRENTLY failed" + (failed.attempt() > 1 ? " on attempt "
                        + failed.attempt() + " of " + failed.maxAttempts() : "") + ": " + SqlStates.describe(e) + "\n" + cleanup
                        + ("42P07".equals(e.getSQLState()) ? "\nWrite CREATE INDEX CONCURRENTLY IF NOT EXISTS to make the statement safe to run again." : "")
                        + "\nStatement: " + sql, e);
            }
            s.reporter.warn(label + ": build failed on attempt " + failed.attempt() + " of " + failed.maxAttempts() + " ("
                    + SqlStates.describe(e) + "). " + cleanup + " Retrying in " + Durations.format(failed.pause()) + ".");
        });
    }

    /**
     * Looks at what already carries the index name: nothing, a valid index (done, or PostgreSQL's "already
     * exists"), an invalid leftover (dropped here), or a build in progress elsewhere. False when nothing is left to do.
     */
    private boolean prepareName(DdlSession s, Catalog.Table table, String label) throws SQLException {
        Optional<Catalog.Index> found = s.catalog.index(table.schema(), spec.name());
        if (found.isEmpty()) {
            return true;
        }
        Catalog.Index existing = found.get();
        if (existing.tableOid() != table.oid()) {
            throw new DdlException(label + ": the name is taken by index " + existing.qualified() + " on another table, "
                    + existing.tableName() + ". Index names are unique per schema: choose another name.");
        }
        if (existing.buildingPid() != 0 && existing.buildingPid() != s.pid) {
            throw new DdlException(label + ": another session (pid " + existing.buildingPid() + ") is building this index right now "
                    + "(pg_stat_progress_create_index). Let it finish, or cancel it with SELECT pg_cancel_backend(" + existing.buildingPid()
                    + "), then run again.");
        }
        if (existing.valid()) {
            IndexDefinitionCheck.requireSameOrKept(s, table, existing, spec, label);
            return false;
        }
        s.reporter.warn(label + ": found an INVALID index of that name (pg_index.indisvalid = false), left by a failed or "
                + "cancelled build; it is not used by queries but slows every write. Dropping it concurrently and building again.");
        DropIndexConcurrently.dropLeftover(s, existing, s.options.waitTimeout());
        return true;
    }

    /** Drops the invalid index a failed build left; returns a sentence for the message saying what happened. */
    private String cleanUp(DdlSession s, Catalog.Table table, Set<Long> invalidBefore, Duration budget) {
        List<Catalog.Index> leftovers = new ArrayList<>();
        try {
            for (Catalog.Index i : s.catalog.invalidIndexes(table.oid())) {
                boolean ours = spec.name() != null ? i.name().equals(spec.name()) : !invalidBefore.contains(i.oid());
                if (ours && (i.buildingPid() == 0 || i.buildingPid() == s.pid)) {
                    leftovers.add(i);
                }
            }
        } catch (SQLException e) {
            return "Could not look for the INVALID index it may have left (" + SqlStates.describe(e) + "); the next run drops it.";
        }
        if (leftovers.isEmpty()) {
            return "It left no invalid index.";
        }
        StringBuilder out = new StringBuilder();
        for (Catalog.Index leftover : leftovers) {
            try {
                DropIndexConcurrently.dropLeftover(s, leftover, budget);
                out.append("The INVALID index ").append(leftover.qualified()).append(" it left was dropped. ");
            } catch (SQLException e) {
                out.append("The INVALID index ").append(leftover.qualified()).append(" it left could not be dropped yet (")
                        .append(e instanceof WaitedTooLong ? "the same sessions are in the way" : SqlStates.describe(e))
                        .append("); the next run drops it, or drop it yourself: DROP INDEX CONCURRENTLY IF EXISTS ")
                        .append(leftover.qualified().quoted()).append(". ");
            }
        }
        return out.toString().trim();
    }

    private static Duration cleanupBudget(DdlSession s) {
        Duration wait = s.options.waitTimeout();
        return wait.compareTo(CLEANUP_WAIT_CAP) < 0 ? wait : CLEANUP_WAIT_CAP;
    }

    private static Set<Long> oids(List<Catalog.Index> indexes) {
        Set<Long> out = new HashSet<>();
        indexes.forEach(i -> out.add(i.oid()));
        return out;
    }
}
