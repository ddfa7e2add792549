package dev.zdm.core.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A migration script split into statements. The entry point of the {@code sql} package:
 * <pre>
 * SqlScript script = SqlScript.parse("V3__add_index.sql", text);
 * for (SqlStatement statement : script.statements()) {
 *     StatementModel model = statement.model();
 *     if (model.kind() == StatementKind.CREATE_INDEX &amp;&amp; model.concurrently()) { ... }
 * }
 * </pre>
 * Splitting never fails and never loses text (see {@link SqlStatement#segment()}); a statement the
 * parser does not know has kind {@link StatementKind#UNKNOWN} and {@code analyzed() == false}.
 */
public final class SqlScript {
    private final String file;
    private final String text;
    private final Tokens tokens;
    private List<SqlStatement> statements = List.of();
    private List<Directive> fileDirectives = List.of();
    private int trailerStart;

    private SqlScript(String file, String text) {
        this.file = file;
        this.text = text;
        this.tokens = Lexer.lex(text);
    }

    /** Splits {@code text}, the content of the migration file named {@code file}. */
    public static SqlScript parse(String file, String text) {
        SqlScript script = new SqlScript(file, text);
        SqlSplitter.split(script);
        return script;
    }

    public String file() {
        return file;
    }

    public String text() {
        return text;
    }

    public List<SqlStatement> statements() {
        return statements;
    }

    /**
     * Directives for the whole file: a {@code zdm:} comment before the first statement and separated from
     * it by a blank line, and {@code zdm:ignore-file} anywhere before the first statement.
     */
    public List<Directive> fileDirectives() {
        return fileDirectives;
    }

    /** What follows the last statement: whitespace and comments only. */
    public String trailer() {
        return text.substring(trailerStart);
    }

    /**
     * The {@code zdm:} directives in the comments after the last statement (all of them in a file without statements,
     * such as a {@code -- zdm:rename-column} migration), with their lines.
     */
    public List<Directive> trailerDirectives() {
        String trailer = trailer();
        int line = 1 + lineBreaks(text, trailerStart);
        List<Directive> out = new ArrayList<>();
        int from = 0;
        for (String comment : SqlFragment.lex(trailer).leadingComments()) {
            int at = trailer.indexOf(comment, from);
            from = at + comment.length();
            Directive.parse(comment, line + lineBreaks(trailer, at)).ifPresent(out::add);
        }
        return out;
    }

    /** Every {@code zdm:} directive of the script in line order: file directives, statements' and trailing ones. */
    public List<Directive> allDirectives() {
        List<Directive> all = new ArrayList<>(fileDirectives);
        for (SqlStatement s : statements) {
            all.addAll(s.directives());
        }
        all.addAll(trailerDirectives());
        all.sort(java.util.Comparator.comparingInt(Directive::line));
        return all;
    }

    private static int lineBreaks(String text, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                n++;
            }
        }
        return n;
    }

    /**
     * Whether {@code relation} is created (CREATE TABLE, CREATE MATERIALIZED VIEW, CREATE INDEX for an
     * index name) by a statement of this script before statement {@code index}.
     */
    public boolean createdBefore(RelationName relation, int index) {
        for (int i = 0; i < index && i < statements.size(); i++) {
            RelationName created = statements.get(i).model().created();
            if (created != null && created.sameAs(relation)) {
                return true;
            }
        }
        return false;
    }

    /** The relations created by this script (tables, views, indexes). */
    public Set<RelationName> createdRelations() {
        Set<RelationName> out = new HashSet<>();
        for (SqlStatement s : statements) {
            if (s.model().created() != null) {
                out.add(s.model().created());
            }
        }
        return out;
    }

    /** True when a statement of the script cannot run inside a transaction block. */
    public boolean hasNonTransactionalStatement() {
        return statements.stream().anyMatch(s -> s.model().mustRunOutsideTransaction());
    }

    Tokens tokens() {
        return tokens;
    }

    void setResult(List<SqlStatement> statements, List<Directive> fileDirectives, int trailerStart) {
        this.statements = List.copyOf(statements);
        this.fileDirectives = List.copyOf(fileDirectives);
        this.trailerStart = trailerStart;
    }

    static List<SqlStatement> newList() {
        return new ArrayList<>();
    }
}
