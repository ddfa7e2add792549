package dev.zdm.core.backfill;

import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.sql.SqlFragment;
import dev.zdm.core.sql.SqlToken;
import dev.zdm.core.sql.TokenType;
import java.util.List;
import java.util.Optional;

/**
 * Reads the single {@code UPDATE} or {@code DELETE} behind a {@code -- zdm:batched} directive into the parts of a
 * {@link Backfill}: the table (and alias), the SET list, the FROM/USING list and the WHERE condition, each kept as the
 * user wrote it. Clause keywords count only at parenthesis depth 0, and {@code IS [NOT] DISTINCT FROM} is not a FROM
 * clause.
 *
 * <p>It reads the project lexer's tokens ({@link SqlFragment}). Unlike the analyzer ({@code SqlStatement.model()}), which
 * never fails and reports what it could follow, this reader is strict: every clause it does not support is refused with
 * a message naming it, so it walks the clause structure itself. Where both read the same statement they agree on the
 * table and the WHERE condition ({@code BatchedStatementReaderTest}).
 */
final class BatchedStatementReader {
    private final SqlFragment sql;
    private final List<SqlToken> tokens;
    private int i;

    private BatchedStatementReader(SqlFragment sql, List<SqlToken> tokens) {
        this.sql = sql;
        this.tokens = tokens;
    }

    static Backfill parse(String sql) {
        SqlFragment fragment = SqlFragment.lex(sql);
        Optional<String> problem = fragment.problem();
        if (problem.isPresent()) {
            throw fail(fragment, "cannot read it: " + problem.get());
        }
        List<SqlToken> tokens = fragment.tokens();
        int end = tokens.size();
        while (end > 0 && tokens.get(end - 1).isSymbol(';')) {
            end--;
        }
        List<SqlToken> statement = tokens.subList(0, end);
        if (statement.stream().anyMatch(t -> t.isSymbol(';'))) {
            throw fail(fragment, "it holds more than one statement; put the directive in front of each UPDATE/DELETE on its own");
        }
        if (statement.isEmpty()) {
            throw fail(fragment, "there is no statement after the directive");
        }
        return new BatchedStatementReader(fragment, statement).statement();
    }

    private Backfill statement() {
        SqlToken first = tokens.get(0);
        if (first.isWord("UPDATE")) {
            return update();
        }
        if (first.isWord("DELETE")) {
            return delete();
        }
        if (first.isWord("WITH")) {
            throw fail(sql, "WITH (common table expressions) is not supported in a batched statement: the engine adds the key range"
                    + " to the UPDATE/DELETE itself; move the CTE into a FROM/USING subquery");
        }
        throw fail(sql, "a batched statement must be an UPDATE or a DELETE, not " + first.text().toUpperCase());
    }

    private Backfill update() {
        i = 1;
        Target target = target();
        if (!at("SET")) {
            throw fail(sql, "expected SET after UPDATE " + target.display() + (i < tokens.size() ? ", found '" + tokens.get(i).text() + "'" : ""));
        }
        i++;
        int setStart = i;
        int setEnd = nextClause("FROM", "WHERE", "RETURNING");
        if (setEnd == setStart) {
            throw fail(sql, "SET has no assignments");
        }
        Backfill b = target.apply(Backfill.table(target.name));
        b = b.set(text(setStart, setEnd));
        return tail(b, "FROM");
    }

    private Backfill delete() {
        i = 1;
        if (!at("FROM")) {
            throw fail(sql, "expected DELETE FROM");
        }
        i++;
        Target target = target();
        return tail(target.apply(Backfill.deleteFrom(target.name)), "USING");
    }

    /** The optional FROM/USING and WHERE clauses, then the end. */
    private Backfill tail(Backfill backfill, String sourceKeyword) {
        Backfill b = backfill;
        if (at(sourceKeyword)) {
            i++;
            int start = i;
            int end = nextClause("WHERE", "RETURNING");
            if (end == start) {
                throw fail(sql, sourceKeyword + " has no table");
            }
            b = b.from(text(start, end));
        }
        if (at("WHERE")) {
            i++;
            if (at("CURRENT") && i + 1 < tokens.size() && tokens.get(i + 1).isWord("OF")) {
                throw fail(sql, "WHERE CURRENT OF needs a cursor and cannot be batched");
            }
            int start = i;
            int end = nextClause("RETURNING");
            if (end == start) {
                throw fail(sql, "WHERE has no condition");
            }
            b = b.where(text(start, end));
        }
        if (at("RETURNING")) {
            throw fail(sql, "RETURNING is not supported in a batched statement: the rows of each batch are not returned to the"
                    + " migration; remove it");
        }
        if (i < tokens.size()) {
            throw fail(sql, "unexpected '" + tokens.get(i).text() + "'");
        }
        return b;
    }

    /** The table name, optional {@code *}, optional alias. */
    private Target target() {
        if (at("ONLY")) {
            throw fail(sql, "ONLY is not supported in a batched statement (the batches cover the table with its partitions or children)");
        }
        String first = identifier("a table name");
        String schema = null;
        String name = first;
        if (i < tokens.size() && tokens.get(i).isSymbol('.')) {
            i++;
            schema = first;
            name = identifier("a table name after '" + first + ".'");
        }
        if (i < tokens.size() && tokens.get(i).isSymbol('*')) {
            i++;
        }
        String alias = null;
        if (at("AS")) {
            i++;
            alias = identifier("an alias after AS");
        } else if (i < tokens.size() && tokens.get(i).isName() && !isClauseWord(tokens.get(i))) {
            alias = identifier("an alias");
        }
        return new Target(schema, name, alias);
    }

    private String identifier(String what) {
        if (i >= tokens.size() || !tokens.get(i).isName()) {
            throw fail(sql, "expected " + what + (i < tokens.size() ? ", found '" + tokens.get(i).text() + "'" : " at the end"));
        }
        return tokens.get(i++).identifier();
    }

    private static boolean isClauseWord(SqlToken t) {
        return t.type() == TokenType.WORD && (t.isWord("SET") || t.isWord("USING") || t.isWord("WHERE") || t.isWord("RETURNING"));
    }

    /** The index of the next top-level token that starts one of {@code keywords} (or the end); moves there. */
    private int nextClause(String... keywords) {
        while (i < tokens.size()) {
            SqlToken t = tokens.get(i);
            if (t.depth() == 0 && t.type() == TokenType.WORD) {
                for (String keyword : keywords) {
                    if (t.isWord(keyword) && !(keyword.equals("FROM") && afterDistinct())) {
                        return i;
                    }
                }
            }
            i++;
        }
        return i;
    }

    /** {@code IS [NOT] DISTINCT FROM}: the FROM belongs to the operator. */
    private boolean afterDistinct() {
        return i > 0 && tokens.get(i - 1).isWord("DISTINCT");
    }

    private boolean at(String word) {
        return i < tokens.size() && tokens.get(i).isWord(word) && tokens.get(i).depth() == 0;
    }

    private String text(int fromToken, int toToken) {
        return sql.text(tokens.get(fromToken), tokens.get(toToken - 1)).strip();
    }

    private static BackfillException fail(SqlFragment sql, String problem) {
        return new BackfillException("Batched statement (" + BatchedSqlStatement.DIRECTIVE + "): " + problem + ". Statement: "
                + BatchedSqlStatement.excerpt(sql.body()));
    }

    private record Target(String schema, String name, String alias) {
        Backfill apply(Backfill b) {
            Backfill out = schema == null ? b.exactTableName() : b.schema(schema);
            return alias == null ? out : out.as(alias);
        }

        String display() {
            return Identifiers.display(schema, name);
        }
    }
}
