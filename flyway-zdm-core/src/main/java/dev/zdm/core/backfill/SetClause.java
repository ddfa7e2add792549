package dev.zdm.core.backfill;

import dev.zdm.core.sql.SqlFragment;
import dev.zdm.core.sql.SqlToken;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a backfill's SET assigns, read with the project's lexer: {@code a = 1, "B" = 2, c[1] = 3, d.f = 4,
 * (e, f) = (5, 6)} assigns {@code a, B, c, d, e, f} (names as PostgreSQL folds them).
 *
 * @param assignments each top-level assignment: the columns it assigns and the expression after {@code =}
 */
record SetClause(List<Assignment> assignments) {

    /** {@code col = expression}, or {@code (a, b) = expression}. */
    record Assignment(List<String> columns, String expression) {
    }

    static SetClause read(String set) {
        SqlFragment fragment = SqlFragment.lex(set);
        List<SqlToken> tokens = fragment.tokens();
        List<Assignment> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= tokens.size(); i++) {
            if (i == tokens.size() || tokens.get(i).depth() == 0 && tokens.get(i).isSymbol(',')) {
                if (i > start) {
                    out.add(assignment(fragment, tokens.subList(start, i)));
                }
                start = i + 1;
            }
        }
        return new SetClause(List.copyOf(out));
    }

    private static Assignment assignment(SqlFragment fragment, List<SqlToken> tokens) {
        List<String> columns = new ArrayList<>();
        int eq = 0;
        while (eq < tokens.size() && !(tokens.get(eq).depth() == 0 && tokens.get(eq).isSymbol('='))) {
            eq++;
        }
        SqlToken first = tokens.get(0);
        if (first.isSymbol('(')) {
            // (a, b) = ...: the names at depth 1 that start a list element
            boolean expectName = true;
            for (int j = 1; j < eq; j++) {
                SqlToken t = tokens.get(j);
                if (t.depth() == 1 && t.isSymbol(',')) {
                    expectName = true;
                } else if (expectName && t.depth() == 1 && t.isName()) {
                    columns.add(t.identifier());
                    expectName = false;
                }
            }
        } else if (first.isName()) {
            columns.add(first.identifier());
        }
        String expression = eq + 1 < tokens.size() ? fragment.text(tokens.get(eq + 1), tokens.get(tokens.size() - 1)) : "";
        return new Assignment(List.copyOf(columns), expression);
    }

    /** Every column assigned, in order. */
    Set<String> columns() {
        Set<String> out = new LinkedHashSet<>();
        assignments.forEach(a -> out.addAll(a.columns()));
        return out;
    }
}
