package dev.zdm.core.ddl;

import dev.zdm.core.ddl.ConcurrentIndexStatement.ReindexTarget;
import dev.zdm.core.lock.SqlStates;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.text.Durations;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code REINDEX ... CONCURRENTLY} (PostgreSQL 12+): builds a new copy of each index next to the old one under
 * SHARE UPDATE EXCLUSIVE and swaps them. When it fails it leaves INVALID {@code <name>_ccnew} (the unfinished copy)
 * or {@code <name>_ccold} (the old index after the swap) indexes: they are dropped concurrently before the
 * statement runs (left by an earlier run) and after it fails, and the statement is retried when that makes sense.
 */
final class ReindexConcurrently {
    private final ReindexTarget target;
    private final QualifiedName name;
    private final String sql;

    /** {@code sql} is the statement to run, for example {@code REINDEX (VERBOSE) TABLE CONCURRENTLY "t"}. */
    ReindexConcurrently(ReindexTarget target, QualifiedName name, String sql) {
        this.target = target;
        this.name = name;
        this.sql = sql;
    }

    static ReindexConcurrently index(QualifiedName index) {
        return new ReindexConcurrently(ReindexTarget.INDEX, index, "REINDEX INDEX CONCURRENTLY " + index.quoted());
    }

    static ReindexConcurrently table(QualifiedName table) {
        return new ReindexConcurrently(ReindexTarget.TABLE, table, "REINDEX TABLE CONCURRENTLY " + table.quoted());
    }

    /**
     * One expand step (the old indexes stay usable throughout), done when the catalog shows no unfinished reindex (no
     * INVALID {@code _ccnew}/{@code _ccold} index) on its target. A reindex can always run again, so a done step still
     * runs: rebuilding is what was asked.
     */
    Operation operation() {
        QualifiedName relation = name == null ? QualifiedName.of("(database)") : name;
        Step step = Step.of(Phase.EXPAND, "reindex concurrently", style -> sql, LockLevel.SHARE_UPDATE_EXCLUSIVE, false,
                target == ReindexTarget.DATABASE ? List.of() : List.of(relation), this::noLeftovers, this::apply).whenDone(this::apply);
        return new Operation("reindex " + target.name().toLowerCase(java.util.Locale.ROOT) + (name == null ? "" : " " + name), List.of(step));
    }

    /** No INVALID {@code _ccnew}/{@code _ccold} index left on the target by an unfinished reindex. */
    private boolean noLeftovers(Catalog c) throws SQLException {
        long tableOid = 0;
        String schema = null;
        switch (target) {
            case INDEX -> {
                Optional<Catalog.Index> index = c.index(name);
                if (index.isEmpty()) {
                    return false;
                }
                tableOid = index.get().tableOid();
            }
            case TABLE -> {
                Optional<Catalog.Table> table = c.table(name);
                if (table.isEmpty()) {
                    return false;
                }
                tableOid = table.get().oid();
            }
            case SCHEMA -> schema = name.name();
            case DATABASE -> { }
        }
        return c.reindexLeftovers(tableOid, schema).isEmpty();
    }

    void apply(DdlSession s) throws SQLException {
        s.requireServer(120000, "REINDEX CONCURRENTLY");
        long tableOid = 0;
        String schema = null;
        switch (target) {
            case INDEX -> tableOid = s.catalog.index(name).orElseThrow(() -> new DdlException(sql + ": index " + name
                    + " does not exist. Check the name and schema; names are case-sensitive.")).tableOid();
            case TABLE -> tableOid = s.catalog.requireTable(name).oid();
            case SCHEMA -> schema = name.name();
            case DATABASE -> { }
        }
        String label = "reindex " + target.name().toLowerCase(java.util.Locale.ROOT) + (name == null ? "" : " " + name);
        dropLeftovers(s, label, tableOid, schema, s.options.waitTimeout(), "an earlier REINDEX CONCURRENTLY");
        long table = tableOid;
        String inSchema = schema;
        DdlRetry.run(s, attempt -> {
            WatchedStatement.run(s, label, sql, s.options.waitTimeout());
            s.reporter.info(label + ": done");
            return null;
        }, (e, failed) -> {
            if (e instanceof WaitedTooLong waited) {
                String cleanup = tryDropLeftovers(s, label, table, inSchema);
                throw new DdlException(label + ": REINDEX CONCURRENTLY gave up after waiting " + Durations.format(waited.waited())
                        + " for older transactions (wait timeout " + Durations.format(s.options.waitTimeout()) + "). In the way (pids "
                        + waited.pids() + "):" + waited.sessionsText() + "\n" + cleanup + "\nThe old indexes are still in place and valid. "
                        + "What to do: let those transactions finish or end them (SELECT pg_terminate_backend(pid)), then run again."
                        + "\nStatement: " + sql, e);
            }
            if (Failures.connectionLost(s.connection, e)) {
                throw new DdlException(label + ": the connection was lost during REINDEX CONCURRENTLY (" + SqlStates.describe(e)
                        + "). INVALID _ccnew/_ccold indexes may be left; the next run drops them.\nStatement: " + sql, e);
            }
            String cleanup = tryDropLeftovers(s, label, table, inSchema);
            if (!Failures.retryable(e) || failed.last()) {
                throw new DdlException(label + ": REINDEX CONCURRENTLY failed: " + SqlStates.describe(e) + "\n" + cleanup
                        + "\nStatement: " + sql, e);
            }
            s.reporter.warn(label + ": failed on attempt " + failed.attempt() + " of " + failed.maxAttempts() + " (" + SqlStates.describe(e)
                    + "). " + cleanup + " Retrying in " + Durations.format(failed.pause()) + ".");
        });
    }

    private static String tryDropLeftovers(DdlSession s, String label, long tableOid, String schema) {
        Duration budget = s.options.waitTimeout().compareTo(CreateIndexConcurrently.CLEANUP_WAIT_CAP) < 0
                ? s.options.waitTimeout() : CreateIndexConcurrently.CLEANUP_WAIT_CAP;
        try {
            int dropped = dropLeftovers(s, label, tableOid, schema, budget, "this run");
            return dropped == 0 ? "It left no invalid index." : "The " + dropped + " INVALID _ccnew/_ccold index(es) it left were dropped.";
        } catch (SQLException e) {
            return "The INVALID _ccnew/_ccold indexes it left could not all be dropped yet (" + SqlStates.describe(e)
                    + "); the next run drops them.";
        }
    }

    private static int dropLeftovers(DdlSession s, String label, long tableOid, String schema, Duration budget, String origin)
            throws SQLException {
        List<Catalog.Index> leftovers = s.catalog.reindexLeftovers(tableOid, schema);
        for (Catalog.Index leftover : leftovers) {
            s.reporter.warn(label + ": dropping INVALID index " + leftover.qualified() + " left by " + origin);
            DropIndexConcurrently.dropLeftover(s, leftover, budget);
        }
        return leftovers.size();
    }
}
