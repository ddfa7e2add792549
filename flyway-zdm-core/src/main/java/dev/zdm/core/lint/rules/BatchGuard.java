package dev.zdm.core.lint.rules;

import dev.zdm.core.backfill.Backfill;
import dev.zdm.core.backfill.BatchedSqlStatement;
import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.sql.SqlFragment;
import dev.zdm.core.sql.SqlToken;
import java.util.ArrayList;
import java.util.List;

/**
 * The condition a batched UPDATE needs when its WHERE does not mention a column its SET writes (typically
 * {@code UPDATE t SET a = x FROM s WHERE t.id = s.id}): the engine's final check counts the rows still matching the
 * WHERE, and such a statement matches every row it already updated. Adding {@code AND t.a IS DISTINCT FROM x} makes
 * the WHERE false once a row is done, so a re-run resumes instead of updating everything again.
 */
final class BatchGuard {
    private BatchGuard() {
    }

    /** The statement with the guard added, or unchanged when it needs none or it cannot be built. */
    static String guarded(String update) {
        Backfill backfill;
        try {
            backfill = BatchedSqlStatement.parse("-- zdm:batched", update).backfill();
        } catch (RuntimeException e) {
            return update;
        }
        if (backfill.operation() != Backfill.Operation.UPDATE || backfill.setClause().isEmpty()) {
            return update;
        }
        String where = backfill.whereClause().orElse("");
        List<String[]> assignments = assignments(backfill.setClause().get());
        if (assignments.isEmpty() || assignments.stream().anyMatch(a -> mentions(where, a[0]))) {
            return update;
        }
        String owner = Identifiers.display(backfill.alias().orElse(backfill.table()));
        List<String> differs = new ArrayList<>();
        for (String[] a : assignments) {
            differs.add(owner + "." + Identifiers.display(a[0]) + " IS DISTINCT FROM (" + a[1] + ")");
        }
        String guard = differs.size() == 1 ? differs.get(0) : "(" + String.join(" OR ", differs) + ")";
        return where.isEmpty() ? update.strip() + " WHERE " + guard : update.strip() + " AND " + guard;
    }

    /** {@code col = expr} pairs of a SET list; empty when one is not of that simple form. */
    private static List<String[]> assignments(String set) {
        SqlFragment fragment = SqlFragment.lex(set);
        List<SqlToken> t = fragment.tokens();
        List<String[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= t.size(); i++) {
            if (i < t.size() && !(t.get(i).isSymbol(',') && t.get(i).depth() == 0)) {
                continue;
            }
            if (i - start < 3 || !t.get(start).isName() || !t.get(start + 1).isSymbol('=')) {
                return List.of();
            }
            out.add(new String[] {t.get(start).identifier(), fragment.text(t.get(start + 2), t.get(i - 1))});
            start = i + 1;
        }
        return out;
    }

    private static boolean mentions(String where, String column) {
        return SqlFragment.lex(where).tokens().stream().anyMatch(tok -> tok.isName() && tok.identifier().equals(column));
    }
}
