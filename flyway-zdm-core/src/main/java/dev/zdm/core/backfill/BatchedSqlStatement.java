package dev.zdm.core.backfill;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * {@code statementTimeout=10s}; {@code maxRetries=N}; {@code verify=false} skips the final count.
 *
 * <p>Supported statements: {@code UPDATE table [[AS] alias] SET ... [FROM ...] [WHERE ...]} and
 * {@code DELETE FROM table [[AS] alias] [USING ...] [WHERE ...]}; not {@code WITH}, {@code ONLY},
 * {@code RETURNING} or {@code WHERE CURRENT OF}. Identifiers follow SQL rules (unquoted names fold to lower case).
 */
public final class BatchedSqlStatement {
    /** The word that starts a directive comment. */
    public static final String DIRECTIVE = "zdm:batched";

    private static final Pattern DIRECTIVE_START = Pattern.compile("(?is)^\\s*(--|/\\*)\\s*zdm:batched(\\s.*|$)");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");
    private static final List<String> OPTIONS = List.of("key", "size", "targetBatch", "pause", "maxRowsPerSecond", "maxReplicationLag",
            "lockTimeout", "statementTimeout", "maxRetries", "verify");

    private final String directive;
    private final String statement;
    private final Backfill backfill;

    private BatchedSqlStatement(String directive, String statement, Backfill backfill) {
        this.directive = directive;
        this.statement = statement;
        this.backfill = backfill;
    }

    /** Whether {@code comment} is a {@code zdm:batched} directive ({@code -- zdm:batched ...} or a block comment). */
    public static boolean isDirective(String comment) {
        return comment != null && DIRECTIVE_START.matcher(comment).matches();
    }

    /** Whether one of the comments in front of {@code sql} is a {@code zdm:batched} directive. */
    public static boolean isBatched(String sql) {
        try {
            return SqlScanner.leadingComments(sql).stream().anyMatch(BatchedSqlStatement::isDirective);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Parses a statement whose leading comments include the directive (as a SQL parser hands over a statement
     * with the comments written in front of it).
     */
    public static BatchedSqlStatement parse(String sqlWithDirective) {
        Objects.requireNonNull(sqlWithDirective, "sql");
        String directive = SqlScanner.leadingComments(sqlWithDirective).stream().filter(BatchedSqlStatement::isDirective).findFirst()
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
        Backfill backfill = StatementParser.parse(statementSql);
        backfill = apply(backfill, options, directiveComment);
        return new BatchedSqlStatement(directiveComment.strip(), statementSql.strip(), backfill);
    }

    /** The conventional checkpoint id of the {@code ordinal}-th (from 1) batched statement of a SQL migration script. */
    public static String backfillId(String script, int ordinal) {
        return script + "#" + ordinal;
    }

    /** The backfill this statement stands for. */
    public Backfill backfill() {
        return backfill;
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
     * @param backfillId       the checkpoint id, for example {@link #backfillId(String, int) backfillId("V7__backfill.sql", 1)}
     * @param checkpointSchema the schema of {@code zdm_backfill_progress} (Flyway's schema)
     */
    public BackfillResult run(Connection connection, String backfillId, String checkpointSchema, BackfillDefaults defaults) {
        return new BackfillExecutor(connection, checkpointSchema, defaults).run(backfillId, backfill);
    }

    private static Map<String, String> options(String directiveComment) {
        String body = directiveComment.strip();
        body = body.startsWith("--") ? body.substring(2) : body.substring(2, body.endsWith("*/") ? body.length() - 2 : body.length());
        body = body.strip().substring(DIRECTIVE.length()).strip();
        Map<String, String> options = new LinkedHashMap<>();
        for (String word : words(body, directiveComment)) {
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
        String closest = null;
        int best = Integer.MAX_VALUE;
        for (String option : OPTIONS) {
            int d = distance(name.toLowerCase(Locale.ROOT), option.toLowerCase(Locale.ROOT));
            if (d < best) {
                best = d;
                closest = option;
            }
        }
        throw new BackfillException(DIRECTIVE + " directive: unknown option '" + name + "'"
                + (best <= Math.max(2, name.length() / 3) ? " (did you mean " + closest + "?)" : "") + ". Valid options: "
                + String.join(", ", OPTIONS) + ". Directive: " + directiveComment.strip());
    }

    private static Backfill apply(Backfill backfill, Map<String, String> options, String directiveComment) {
        Backfill b = backfill;
        for (Map.Entry<String, String> option : options.entrySet()) {
            String value = option.getValue();
            try {
                b = switch (option.getKey()) {
                    case "key" -> b.key(keyColumns(value));
                    case "size" -> b.batchSize(Math.toIntExact(positiveNumber(value)));
                    case "targetBatch" -> b.targetBatchDuration(duration(value));
                    case "pause" -> b.pauseBetweenBatches(duration(value));
                    case "maxRowsPerSecond" -> b.maxRowsPerSecond(positiveNumber(value));
                    case "maxReplicationLag" -> b.maxReplicationLag(duration(value));
                    case "lockTimeout" -> b.lockTimeout(duration(value));
                    case "statementTimeout" -> b.statementTimeout(duration(value));
                    case "maxRetries" -> b.maxRetries(Math.toIntExact(number(value)));
                    case "verify" -> b.verifyNoneRemain(bool(value));
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
        List<SqlScanner.Token> tokens = SqlScanner.tokens(value);
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            SqlScanner.Token t = tokens.get(i);
            boolean separator = i % 2 == 1;
            if (separator ? !t.isSymbol(",") : !t.isIdentifier()) {
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

    static Duration duration(String value) {
        Matcher m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration such as 500ms, 2s, 5m or 1h (a bare number is milliseconds)");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    static String excerpt(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
