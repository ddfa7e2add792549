package dev.zdm.core.sql;

import java.util.List;
import java.util.Optional;

/**
 * One statement of a migration script, with where it is and the comments that come with it.
 *
 * <p>{@link #sql()} is the statement as written, without its terminating semicolon and without the
 * comments before it; those are in {@link #leadingComments()}, and the {@code -- zdm:...} directives
 * among them (and on the same line after the semicolon) in {@link #directives()}. {@link #model()}
 * is what the statement does to the database (kind, relations, locks).
 */
public final class SqlStatement {
    private final SqlScript script;
    private final int index;
    private final int firstToken;
    private final int endToken;
    private final int segmentStart;
    private final int segmentEnd;
    private final int line;
    private final int column;
    private final List<String> leadingComments;
    private final List<Directive> directives;
    private StatementModel model;

    SqlStatement(SqlScript script, int index, int firstToken, int endToken, int segmentStart, int segmentEnd,
                 int line, int column, List<String> leadingComments, List<Directive> directives) {
        this.script = script;
        this.index = index;
        this.firstToken = firstToken;
        this.endToken = endToken;
        this.segmentStart = segmentStart;
        this.segmentEnd = segmentEnd;
        this.line = line;
        this.column = column;
        this.leadingComments = leadingComments;
        this.directives = directives;
    }

    /** The script file name, e.g. {@code V3__add_index.sql}. */
    public String file() {
        return script.file();
    }

    public SqlScript script() {
        return script;
    }

    /** 0-based position in the script. */
    public int index() {
        return index;
    }

    /** 1-based line of the statement's first token. */
    public int line() {
        return line;
    }

    /** 1-based column of the statement's first token. */
    public int column() {
        return column;
    }

    /** The statement text without leading comments and without the terminating semicolon. */
    public String sql() {
        return script.text().substring(textStart(), textEnd());
    }

    /** Offset of the first character of {@link #sql()} in the script. */
    public int textStart() {
        return tokens().start(firstToken);
    }

    /** Offset just after the last character of {@link #sql()} in the script. */
    public int textEnd() {
        return tokens().end(endToken - 1);
    }

    /**
     * The stretch of the script this statement owns: from the end of the previous one (so including
     * blank lines and comments before it) to its semicolon and any comment on the same line after it.
     * The segments of all statements plus {@link SqlScript#trailer()} are the whole script, in order.
     */
    public String segment() {
        return script.text().substring(segmentStart, segmentEnd);
    }

    public int segmentStart() {
        return segmentStart;
    }

    public int segmentEnd() {
        return segmentEnd;
    }

    /** The comments before the statement (and after it on the same line), as written. */
    public List<String> leadingComments() {
        return leadingComments;
    }

    /** The {@code zdm:} directives attached to this statement. */
    public List<Directive> directives() {
        return directives;
    }

    /** The first directive named {@code name} ({@code "batched"}, {@code "concurrent"}, ...). */
    public Optional<Directive> directive(String name) {
        return directives.stream().filter(d -> d.is(name)).findFirst();
    }

    /** What the statement does: kind, relations and lock levels, rewrite, transaction needs. Never null. */
    public synchronized StatementModel model() {
        if (model == null) {
            model = StatementParser.parse(this);
        }
        return model;
    }

    /**
     * True when the statement's target (its table, or for index statements its index) was created by an earlier
     * statement of the same script: nobody else can see it yet, so its locks and data changes are harmless.
     */
    public boolean targetCreatedEarlier() {
        StatementModel m = model();
        RelationName target = m.table() != null ? m.table() : m.index();
        return target != null && script.createdBefore(target, index);
    }

    Tokens tokens() {
        return script.tokens();
    }

    int firstToken() {
        return firstToken;
    }

    int endToken() {
        return endToken;
    }

    @Override
    public String toString() {
        return file() + ":" + line + ":" + column + ": " + sql();
    }
}
