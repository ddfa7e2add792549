package dev.zdm.flyway.internal.verify;

import dev.zdm.core.report.Location;
import dev.zdm.flyway.internal.status.InvalidIndexes;
import dev.zdm.flyway.internal.status.StatusReport.InvalidIndex;
import dev.zdm.flyway.internal.verify.VerifyReport.Problem;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** ZDV01: no index is left invalid. The same catalog read as {@code zdm:status} ({@link InvalidIndexes}). */
final class InvalidIndexCheck implements IntegrityCheck {
    @Override
    public String id() {
        return "ZDV01";
    }

    @Override
    public String name() {
        return "invalid-index";
    }

    @Override
    public String summary() {
        return "No index is left invalid";
    }

    @Override
    public String why() {
        return "A CREATE INDEX CONCURRENTLY or REINDEX CONCURRENTLY that failed or was cancelled (a duplicate key, a "
                + "deadlock, a lock_timeout, a lost connection) leaves the index behind marked invalid "
                + "(pg_index.indisvalid = false). Every write still maintains it, no query can use it, and a unique one "
                + "still rejects duplicates: the migration looks applied but the index it promised is not there.";
    }

    @Override
    public String fix() {
        return "Drop it with DROP INDEX CONCURRENTLY and create it again (after removing duplicates for a unique index), "
                + "or rebuild it with REINDEX INDEX CONCURRENTLY. An index whose build is still running is not reported.";
    }

    @Override
    public CheckOutcome run(VerifyContext context) throws SQLException {
        List<InvalidIndex> invalid = ReadOnlyTransaction.run(context.connection(), context.statementTimeout(),
                c -> InvalidIndexes.read(c, context.schemas()));
        String schemas = String.join(", ", context.schemas());
        if (invalid.isEmpty()) {
            return CheckOutcome.passed("no invalid index in " + schemas);
        }
        List<Problem> problems = new ArrayList<>();
        for (InvalidIndex i : invalid) {
            problems.add(new Problem(Location.object("index", i.index()), (i.unique() ? "unique " : "") + "index on " + i.table() + " (" + i.columns()
                    + ") is invalid (pg_index.indisvalid = false): writes maintain it, no query uses it.",
                    "DROP INDEX CONCURRENTLY " + i.index() + "; then create it again, or REINDEX INDEX CONCURRENTLY " + i.index() + ";"));
        }
        return new CheckOutcome(Counted.of(invalid.size(), "invalid index", "invalid indexes") + " in " + schemas, problems);
    }
}
