package dev.zdm.flyway.internal.checklist;

import dev.zdm.core.lint.Finding;
import dev.zdm.core.sql.RelationLock;
import dev.zdm.core.sql.StatementModel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The analyzer's reading of one statement in words: kind, lock per relation and what it blocks, rewrite, scan, findings. */
final class StatementVerdict {
    private StatementVerdict() {
    }

    /** {@code CREATE INDEX: SHARE on orders (blocks writes (INSERT, UPDATE, DELETE); reads go on), reads every row; lint ZDM101 error}. */
    static String describe(PendingStatement statement, List<Finding> findings) {
        StatementModel model = statement.statement().model();
        if (!model.analyzed()) {
            return kind(model) + ": not analyzed (procedural code, or a form the analyzer does not read): its tables, locks and "
                    + "duration are unknown";
        }
        List<String> parts = new ArrayList<>();
        for (RelationLock lock : model.locks()) {
            parts.add(lock.level().sql() + " on " + lock.relation().display() + " (blocks " + lock.level().blocks() + ")");
        }
        if (model.rewrites()) {
            parts.add("rewrites the whole table");
        }
        if (model.scans()) {
            parts.add("reads every row while locked");
        }
        if (parts.isEmpty()) {
            parts.add("no table lock the analyzer knows of");
        }
        String out = kind(model) + ": " + String.join(", ", parts);
        if (!findings.isEmpty()) {
            out += "; lint " + findings.stream().map(f -> f.ruleId() + " " + f.severity().id())
                    .distinct().collect(Collectors.joining(", "));
        }
        return out;
    }

    /** {@code CREATE INDEX CONCURRENTLY}, {@code ALTER TABLE}. */
    static String kind(StatementModel model) {
        return model.kind().name().replace('_', ' ') + (model.concurrently() ? " CONCURRENTLY" : "");
    }
}
