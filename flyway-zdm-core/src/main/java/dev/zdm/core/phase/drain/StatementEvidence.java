package dev.zdm.core.phase.drain;

import dev.zdm.core.phase.drain.RemovedObject.Change;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Source {@code statements}: did a query naming a removed object run since the baseline (more calls of a known queryid,
 * or a new queryid)? The matching and its limits are {@link StatementActivity}'s. Never blocks for lack of data: without
 * the view, a baseline or anything to watch it is neutral.
 */
final class StatementEvidence {
    private static final int SHOWN = 3;
    private static final int QUERY_CHARS = 80;

    private StatementEvidence() {
    }

    static EvidenceItem evaluate(Connection connection, DrainSubject subject) throws SQLException {
        List<RemovedObject> watched = subject.removed().stream().filter(r -> r.change() != Change.RETYPED).toList();
        if (watched.isEmpty()) {
            String what = subject.removed().isEmpty() ? "the contract removes no table or column the analyzer found"
                    : "only type changes (" + names(subject.removed()) + "), whose column names the new code uses too";
            return new EvidenceItem(EvidenceItem.STATEMENTS, EvidenceStatus.NOT_CONFIGURED, "nothing to watch: " + what, null);
        }
        StatementActivity.Reading reading = StatementActivity.read(connection, watched);
        if (!reading.usable()) {
            return new EvidenceItem(EvidenceItem.STATEMENTS, EvidenceStatus.UNAVAILABLE, reading.unavailable(), reading.howToEnable());
        }
        if (subject.statementBaseline() == null) {
            return new EvidenceItem(EvidenceItem.STATEMENTS, EvidenceStatus.MISSING,
                    "no baseline yet for the queries touching " + names(watched) + " (" + reading.calls().size()
                            + " seen now); new calls are counted from the first time the contract is held",
                    "evaluate again after the contract has been held once");
        }
        List<Map.Entry<String, Long>> grown = new ArrayList<>();
        for (Map.Entry<String, Long> now : reading.calls().entrySet()) {
            long since = callsSince(subject.statementBaseline().get(now.getKey()), now.getValue());
            if (since > 0) {
                grown.add(Map.entry(now.getKey(), since));
            }
        }
        if (grown.isEmpty()) {
            return new EvidenceItem(EvidenceItem.STATEMENTS, EvidenceStatus.HOLDS, "no query touching " + names(watched)
                    + " ran since the baseline (" + reading.calls().size() + " such queries known to pg_stat_statements)", null);
        }
        grown.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
        List<String> shown = new ArrayList<>();
        for (Map.Entry<String, Long> e : grown.subList(0, Math.min(SHOWN, grown.size()))) {
            boolean isNew = !subject.statementBaseline().containsKey(e.getKey());
            shown.add(e.getValue() + (e.getValue() == 1 ? " call" : " calls") + " of \"" + shorten(reading.queries().get(e.getKey()))
                    + "\" (queryid " + e.getKey() + (isNew ? ", new since the baseline" : "") + ")");
        }
        String more = grown.size() > SHOWN ? "; and " + (grown.size() - SHOWN) + " more" : "";
        return new EvidenceItem(EvidenceItem.STATEMENTS, EvidenceStatus.AGAINST,
                grown.size() + (grown.size() == 1 ? " query" : " queries") + " touching " + names(watched)
                        + " ran since the baseline: " + String.join("; ", shown) + more,
                "find and stop the instances still running these queries (pg_stat_statements, by queryid)");
    }

    /** After a reset of the counters (fewer calls than the baseline) every call counted now is new. */
    static long callsSince(Long baseline, long now) {
        if (baseline == null || now < baseline) {
            return now;
        }
        return now - baseline;
    }

    static String shorten(String query) {
        String oneLine = query == null ? "" : query.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= QUERY_CHARS ? oneLine : oneLine.substring(0, QUERY_CHARS - 3) + "...";
    }

    private static String names(List<RemovedObject> removed) {
        return removed.stream().map(RemovedObject::describe).collect(Collectors.joining(", "));
    }
}
