package dev.zdm.core.backfill;

import dev.zdm.core.sql.Directive;
import dev.zdm.core.sql.Directives;
import dev.zdm.core.sql.SqlFragment;
import dev.zdm.core.sql.SqlToken;
import dev.zdm.core.text.DidYouMean;
import dev.zdm.core.text.Durations;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The SQL form of a backfill, for teams that only write SQL migrations: an {@code UPDATE} or {@code DELETE}
 * preceded by a directive comment runs through the batch engine instead of as one statement.
 * <pre>
 * -- zdm:batched key=id size=5000 pause=50ms
 * UPDATE users SET email_verified = false WHERE email_verified IS NULL;
 * </pre>
 * Options (all optional; durations as {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}, a bare number is ms):
 * {@code key=a,b} key columns (default: the primary key); {@code size=N} fixed keys per batch (default: adaptive);
 * {@code targetBatch=200ms} target batch duration; {@code pause=50ms} pause between batches;
 * {@code maxRowsPerSecond=N}; {@code maxReplicationLag=10s} (0 disables); {@code lockTimeout=200ms};
 * {@code statementTimeout=10s}; {@code maxRetries=N}; {@code verify=false} skips the final count; the word
 * {@code background} (or {@code background=true}) records the backfill as a job for the runners instead of running it;
 * {@code ranges=N} splits that job into N key ranges that several runners walk at once ({@link Backfill#ranges(int)}).
 *
 * <p>Supported statements: {@code UPDATE table [[AS] alias] SET ... [FROM ...] [WHERE ...]} and
 * {@code DELETE FROM table [[AS] alias] [USING ...] [WHERE ...]}; not {@code WITH}, {@code ONLY},
 * {@code RETURNING} or {@code WHERE CURRENT OF}. Identifiers follow SQL rules (unquoted names fold to lower case).
 */
public final class BatchedSqlStatement {
    /** The word that starts a directive comment. */
    public static final String DIRECTIVE = "zdm:batched";

    private static final List<String> OPTIONS = Directives.BATCHED.options();
    private static final String BACKGROUND = "background";

    private final String directive;
    private final String statement;
    private final Backfill backfill;
    private final boolean background;

    private BatchedSqlStatement(String directive, String statement, Backfill backfill, boolean background) {
        this.directive = directive;
        this.statement = statement;
        this.backfill = backfill;
        this.background = background;
    }

    /** Whether {@code comment} is a {@code zdm:batched} directive ({@code -- zdm:batched ...} or a block comment). */
    public static boolean isDirective(String comment) {
        return directive(comment).isPresent();
    }

    /** Whether one of the comments in front of {@code sql} is a {@code zdm:batched} directive. */
    public static boolean isBatched(String sql) {
        return SqlFragment.lex(sql).leadingComments().stream().anyMatch(BatchedSqlStatement::isDirective);
    }

    private static Optional<Directive> directive(String comment) {
        return comment == null ? Optional.empty() : Directive.parse(comment, 0).filter(d -> d.is("batched"));
    }

    /**
     * Parses a statement whose leading comments include the directive (as a SQL parser hands over a statement
     * with the comments written in front of it).
     */
    public static BatchedSqlStatement parse(String sqlWithDirective) {
        Objects.requireNonNull(sqlWithDirective, "sql");
        String directive = SqlFragment.lex(sqlWithDirective).leadingComments().stream().filter(BatchedSqlStatement::isDirective).findFirst()
                .orElseThrow(() -> new BackfillException("No -- " + DIRECTIVE + " directive in front of: " + excerpt(sqlWithDirective)));
        return parse(directive, sqlWithDirective);
    }

    /**
     * Parses {@code directiveComment} (for example {@code -- zdm:batched key=id size=5000}) and the {@code UPDATE} or
     * {@code DELETE} it stands in front of ({@code statementSql} may start with comments, the directive among them).
     *
     * @throws BackfillException naming the problem: an unknown or malformed option, a statement that is not a single
     *                           supported UPDATE/DELETE
     */
    public static BatchedSqlStatement parse(String directiveComment, String statementSql) {
        Objects.requireNonNull(directiveComment, "directiveComment");
        Objects.requireNonNull(statementSql, "statementSql");
        if (!isDirective(directiveComment)) {
            throw new BackfillException("Not a " + DIRECTIVE + " directive: " + excerpt(directiveComment)
                    + ". Write it as a comment on the line before the statement: -- " + DIRECTIVE + " key=id size=5000");
        }
        Map<String, String> options = options(directiveComment);
        boolean background = background(options.remove("background"), directiveComment);
        Backfill backfill = BatchedStatementReader.parse(statementSql);
        backfill = apply(backfill, options, directiveComment);
        backfill.validate();
        return new BatchedSqlStatement(directiveComment.strip(), statementSql.strip(), backfill, background);
    }

    /**
     * The conventional checkpoint id of a batched statement of a SQL migration script: the script, {@code #}, and what
     * identifies the statement within it (the Flyway glue uses the statement's fingerprint, so that the id follows the
     * statement when lines are inserted above it and changes when the statement is edited).
     */
    public static String backfillId(String script, String statementKey) {
        return script + "#" + statementKey;
    }

    /** The backfill this statement stands for. */
    public Backfill backfill() {
        return backfill;
    }

    /**
     * A warning when the SET changes no column the WHERE reads (typically {@code UPDATE ... FROM}): unless a trigger
     * changes them, the rows still match after their batch and the final count fails. Read without the catalog.
     */
    public Optional<String> predicateWarning() {
        return PredicateGuard.staticWarning(backfill);
    }

    /** Whether the directive says {@code background}: record a job for the runners instead of running it now. */
    public boolean background() {
        return background;
    }

    public String directive() {
        return directive;
    }

    public String statement() {
        return statement;
    }

    /**
     * Runs it on {@code connection} (autocommit mode) through the batch engine; see {@link BackfillExecutor}.
     *
     * @param backfillId       the checkpoint id, for example {@link #backfillId(String, String) backfillId("V7__backfill.sql", "3f2a9c01d4e5b6a7")}
     * @param checkpointSchema the schema of {@code zdm_backfill_progress} (Flyway's schema)
     */
    public BackfillResult run(Connection connection, String backfillId, String checkpointSchema, BackfillDefaults defaults) {
        return new BackfillExecutor(connection, checkpointSchema, defaults).run(backfillId, backfill);
    }

    private static Map<String, String> options(String directiveComment) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String word : words(directive(directiveComment).orElseThrow().arguments(), directiveComment)) {
            if (word.equalsIgnoreCase(BACKGROUND)) {
                word = BACKGROUND + "=true"; // a flag: the word alone
            }
            int eq = word.indexOf('=');
            if (eq <= 0 || eq == word.length() - 1) {
                throw new BackfillException(DIRECTIVE + " directive: '" + word + "' is not an option=value pair. Valid options: "
                        + String.join(", ", OPTIONS) + ". Directive: " + directiveComment.strip());
            }
            String name = canonical(word.substring(0, eq), directiveComment);
            if (options.put(name, word.substring(eq + 1)) != null) {
                throw new BackfillException(DIRECTIVE + " directive: option " + name + " is given twice. Directive: " + directiveComment.strip());
            }
        }
        return options;
    }

    /** Splits on white space outside double quotes (a quoted key column may contain spaces). */
    private static List<String> words(String body, String directiveComment) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : body.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (Character.isWhitespace(c) && !quoted) {
                if (current.length() > 0) {
                    out.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw new BackfillException(DIRECTIVE + " directive: unterminated \" in " + directiveComment.strip());
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
        return out;
    }

    private static String canonical(String name, String directiveComment) {
        for (String option : OPTIONS) {
            if (option.equalsIgnoreCase(name)) {
                return option;
            }
        }
        throw new BackfillException(DIRECTIVE + " directive: unknown option '" + name + "'"
                + DidYouMean.closest(name, OPTIONS).map(closest -> " (did you mean " + closest + "?)").orElse("") + ". Valid options: "
                + String.join(", ", OPTIONS) + ". Directive: " + directiveComment.strip());
    }

    private static boolean background(String value, String directiveComment) {
        if (value == null) {
            return false;
        }
        try {
            return bool(value);
        } catch (IllegalArgumentException e) {
            throw new BackfillException(DIRECTIVE + " directive: bad value for background: '" + value + "': " + e.getMessage()
                    + " (or the word background alone). Directive: " + directiveComment.strip(), e);
        }
    }

    private static Backfill apply(Backfill backfill, Map<String, String> options, String directiveComment) {
        Backfill b = backfill;
        for (Map.Entry<String, String> option : options.entrySet()) {
            String value = option.getValue();
            try {
                b = switch (option.getKey()) {
                    case "key" -> b.key(keyColumns(value));
                    case "size" -> b.batchSize(Math.toIntExact(positiveNumber(value)));
                    case "targetBatch" -> b.targetBatchDuration(Durations.parse(value));
                    case "pause" -> b.pauseBetweenBatches(Durations.parse(value));
                    case "maxRowsPerSecond" -> b.maxRowsPerSecond(positiveNumber(value));
                    case "maxReplicationLag" -> b.maxReplicationLag(Durations.parse(value));
                    case "lockTimeout" -> b.lockTimeout(Durations.parse(value));
                    case "statementTimeout" -> b.statementTimeout(Durations.parse(value));
                    case "maxRetries" -> b.maxRetries(Math.toIntExact(number(value)));
                    case "verify" -> b.verifyNoneRemain(bool(value));
                    case "ranges" -> b.ranges(Math.toIntExact(positiveNumber(value)));
                    default -> throw new IllegalStateException("option without handling: " + option.getKey());
                };
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new BackfillException(DIRECTIVE + " directive: bad value for " + option.getKey() + ": '" + value + "': "
                        + e.getMessage() + ". Directive: " + directiveComment.strip(), e);
            }
        }
        return b;
    }

    private static String[] keyColumns(String value) {
        SqlFragment fragment = SqlFragment.lex(value);
        Optional<String> problem = fragment.problem();
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        List<SqlToken> tokens = fragment.tokens();
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            boolean separator = i % 2 == 1;
            if (separator ? !t.isSymbol(',') : !t.isName()) {
                throw new IllegalArgumentException("expected column names separated by commas, as key=id or key=tenant_id,id");
            }
            if (!separator) {
                columns.add(t.identifier());
            }
        }
        if (columns.isEmpty() || tokens.size() % 2 == 0) {
            throw new IllegalArgumentException("expected column names separated by commas, as key=id or key=tenant_id,id");
        }
        return columns.toArray(String[]::new);
    }

    private static long number(String value) {
        if (!value.matches("\\d{1,18}")) {
            throw new IllegalArgumentException("expected a whole number");
        }
        return Long.parseLong(value);
    }

    private static long positiveNumber(String value) {
        long n = number(value);
        if (n == 0) {
            throw new IllegalArgumentException("must be at least 1");
        }
        return n;
    }

    private static boolean bool(String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException("expected true or false");
    }

    static String excerpt(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }
}
