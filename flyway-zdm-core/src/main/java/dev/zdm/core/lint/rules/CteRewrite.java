package dev.zdm.core.lint.rules;

import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.sql.SqlFragment;
import dev.zdm.core.sql.SqlToken;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites {@code WITH a AS (q) UPDATE/DELETE ...} without the WITH, each CTE moved to where the statement reads it
 * as a table ({@code FROM a} becomes {@code FROM (q) AS a}), because the batched engine adds its key range to the
 * UPDATE/DELETE itself and refuses a leading WITH. Says why when that cannot be done.
 */
final class CteRewrite {
    /** The statement without WITH, or why there is none. */
    record Result(String sql, String whyNot) {
    }

    private record Cte(String name, String query) {
    }

    private CteRewrite() {
    }

    static boolean startsWithCte(String sql) {
        List<SqlToken> t = SqlFragment.lex(sql).tokens();
        return !t.isEmpty() && t.get(0).isWord("with");
    }

    static Result rewrite(String sql) {
        SqlFragment fragment = SqlFragment.lex(sql);
        List<SqlToken> t = fragment.tokens();
        if (fragment.problem().isPresent() || t.isEmpty() || !t.get(0).isWord("with")) {
            return new Result(null, "it cannot be read");
        }
        int i = 1;
        if (t.get(i).isWord("recursive")) {
            return new Result(null, "WITH RECURSIVE has no equivalent subquery");
        }
        List<Cte> ctes = new ArrayList<>();
        while (i < t.size()) {
            if (!t.get(i).isName()) {
                return new Result(null, "it cannot be read");
            }
            String name = t.get(i).identifier();
            i++;
            if (t.get(i).isSymbol('(')) {
                return new Result(null, "the CTE " + Identifiers.display(name) + " names its columns");
            }
            if (!t.get(i).isWord("as")) {
                return new Result(null, "it cannot be read");
            }
            i++;
            if (t.get(i).isWord("not")) {
                i++;
            }
            if (t.get(i).isWord("materialized")) {
                i++;
            }
            int open = i;
            int close = closing(t, open);
            if (close < 0 || close == open + 1) {
                return new Result(null, "it cannot be read");
            }
            SqlToken first = t.get(open + 1);
            if (first.isWord("insert") || first.isWord("update") || first.isWord("delete") || first.isWord("merge")) {
                return new Result(null, "the CTE " + Identifiers.display(name) + " changes data itself");
            }
            String query = fragment.text(first, t.get(close - 1));
            for (Cte earlier : ctes) {
                query = inline(query, earlier);
            }
            ctes.add(new Cte(name, query));
            i = close + 1;
            if (i < t.size() && t.get(i).isSymbol(',')) {
                i++;
                continue;
            }
            break;
        }
        if (i >= t.size() || !(t.get(i).isWord("update") || t.get(i).isWord("delete"))) {
            return new Result(null, "it is not an UPDATE or DELETE after the WITH");
        }
        String rest = fragment.text(t.get(i), t.get(t.size() - 1));
        for (Cte cte : ctes) {
            String inlined = inline(rest, cte);
            if (inlined.equals(rest)) {
                return new Result(null, "the CTE " + Identifiers.display(cte.name()) + " is not read as a table in FROM, JOIN "
                        + "or USING");
            }
            rest = inlined;
        }
        return new Result(rest, null);
    }

    /** {@code FROM name} (also JOIN, USING) becomes {@code FROM (query) AS name}. */
    private static String inline(String sql, Cte cte) {
        Pattern reference = Pattern.compile("(?i)\\b(FROM|JOIN|USING)(\\s+)" + Pattern.quote(cte.name()) + "\\b(?!\\s*\\.)");
        Matcher m = reference.matcher(sql);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + "(" + cte.query() + ") AS "
                + Identifiers.display(cte.name())));
    }

    private static int closing(List<SqlToken> t, int open) {
        if (open >= t.size() || !t.get(open).isSymbol('(')) {
            return -1;
        }
        for (int j = open + 1; j < t.size(); j++) {
            if (t.get(j).isSymbol(')') && t.get(j).depth() == t.get(open).depth()) {
                return j;
            }
        }
        return -1;
    }
}
