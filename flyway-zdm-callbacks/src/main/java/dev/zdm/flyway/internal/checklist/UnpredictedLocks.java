package dev.zdm.flyway.internal.checklist;

import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.RelationLock;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.SqlStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Joins the rehearsal's lock trace to the analyzer: each lock seen is attributed to the pending migration whose
 * statement its backend was running (statements compared with white space and case ignored; a statement the runner
 * rewrote, such as a batch of a {@code -- zdm:batched} UPDATE, is not attributed) and compared with the strongest lock
 * the analyzer predicts on that table for any statement of the migration (a transaction keeps earlier statements'
 * locks). A stronger lock, or one on a table no statement was expected to lock, is unpredicted.
 */
final class UnpredictedLocks {
    private UnpredictedLocks() {
    }

    static List<UnpredictedLock> of(List<PendingMigration> migrations, List<LockTrace.Observed> observed) {
        List<UnpredictedLock> out = new ArrayList<>();
        for (LockTrace.Observed o : observed) {
            Optional<PendingMigration> migration = running(migrations, o.query());
            LockLevel seen = level(o.mode());
            if (migration.isEmpty() || seen == null) {
                continue;
            }
            RelationName table = new RelationName(o.schema(), o.table());
            LockLevel predicted = null;
            for (SqlStatement s : migration.get().sql().statements()) {
                for (RelationLock lock : s.model().locks()) {
                    if (lock.relation().sameAs(table)) {
                        predicted = LockLevel.max(predicted, lock.level());
                    }
                }
            }
            if (predicted == null || seen.compareTo(predicted) > 0) {
                UnpredictedLock u = new UnpredictedLock(migration.get().script(), Identifiers.display(o.schema(), o.table()), seen.sql(),
                        predicted == null ? null : predicted.sql(), oneLine(o.query()), Duration.ofMillis(o.heldFor().toMillis()));
                if (out.stream().noneMatch(x -> x.script().equals(u.script()) && x.relation().equals(u.relation()) && x.mode().equals(u.mode()))) {
                    out.add(u);
                }
            }
        }
        return out;
    }

    private static Optional<PendingMigration> running(List<PendingMigration> migrations, String query) {
        String q = normal(query);
        if (q.isEmpty()) {
            return Optional.empty();
        }
        for (PendingMigration m : migrations) {
            for (SqlStatement s : m.sql().statements()) {
                String sql = normal(s.sql());
                if (!sql.isEmpty() && (q.contains(sql) || sql.contains(q))) {
                    return Optional.of(m);
                }
            }
        }
        return Optional.empty();
    }

    /** {@code AccessExclusiveLock} as a {@link LockLevel}; null for a mode that is not a table lock mode. */
    static LockLevel level(String mode) {
        String name = mode.replaceAll("Lock$", "").replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        try {
            return LockLevel.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String normal(String sql) {
        String s = sql == null ? "" : sql.replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    private static String oneLine(String sql) {
        String s = sql.replaceAll("\\s+", " ").strip();
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
