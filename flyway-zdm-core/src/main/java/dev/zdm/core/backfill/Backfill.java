package dev.zdm.core.backfill;

import dev.zdm.core.sql.FragmentCheck;
import dev.zdm.core.sql.Identifiers;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * What a batched backfill changes: a table, the change ({@code set(...)} or a delete), the rows it is for
 * ({@code where(...)}), and how fast it may go. Immutable: every method returns a changed copy.
 * <pre>
 * Backfill.table("users")
 *         .set("email_verified = false")
 *         .where("email_verified IS NULL");
 *
 * Backfill.deleteFrom("events").where("created_at &lt; now() - interval '90 days'").maxRowsPerSecond(20_000);
 *
 * Backfill.table("orders").set("customer_name = c.name")
 *         .from("customers c").where("c.id = orders.customer_id AND orders.customer_name IS NULL");
 * </pre>
 *
 * <p>The engine walks the table in key order (the primary key unless {@link #key(String...)} says otherwise)
 * and runs one short transaction per range of keys: {@code UPDATE t SET <set> WHERE key > $last AND key <= $next
 * AND (<where>)}. The SET, WHERE and FROM fragments are SQL the user writes, as in a Flyway SQL migration;
 * key values are always bound parameters. The predicate is re-checked inside every batch, so a row changed
 * by the application in the meantime is left alone; at the end the engine counts the rows that still match
 * the predicate and fails if any are left.
 *
 * <p>Options not set here come from the run's {@link BackfillDefaults} (for Flyway: the
 * {@code flyway.zdm.backfill.*} settings).
 */
public final class Backfill {

    /** The statement a batch runs. */
    public enum Operation { UPDATE, DELETE }

    private Operation operation;
    private String schema;
    private String table;
    private boolean dottedNameIsQualified = true;
    private String alias;
    private String set;
    private String from;
    private String where;
    private List<String> key = List.of();
    private Integer batchSize;
    private Duration targetBatchDuration;
    private Integer minBatchSize;
    private Integer maxBatchSize;
    private Duration pause;
    private Long maxRowsPerSecond;
    private Duration maxReplicationLag;
    private Duration lockTimeout;
    private Duration statementTimeout;
    private Integer maxRetries;
    private Boolean verify;
    private Duration progressInterval;
    private Integer ranges;
    private String rangeFrom;
    private String rangeTo;

    private Backfill(Operation operation, String table) {
        this.operation = operation;
        this.table = table;
    }

    private Backfill(Backfill other) {
        operation = other.operation;
        schema = other.schema;
        table = other.table;
        dottedNameIsQualified = other.dottedNameIsQualified;
        alias = other.alias;
        set = other.set;
        from = other.from;
        where = other.where;
        key = other.key;
        batchSize = other.batchSize;
        targetBatchDuration = other.targetBatchDuration;
        minBatchSize = other.minBatchSize;
        maxBatchSize = other.maxBatchSize;
        pause = other.pause;
        maxRowsPerSecond = other.maxRowsPerSecond;
        maxReplicationLag = other.maxReplicationLag;
        lockTimeout = other.lockTimeout;
        statementTimeout = other.statementTimeout;
        maxRetries = other.maxRetries;
        verify = other.verify;
        progressInterval = other.progressInterval;
        ranges = other.ranges;
        rangeFrom = other.rangeFrom;
        rangeTo = other.rangeTo;
    }

    /**
     * An {@code UPDATE} of {@code table}: the name exactly as it is in the catalog (it is quoted). Without
     * {@link #schema(String)} it is found through the connection's search_path; {@code "sales.orders"} (one
     * dot, no schema set) is read as schema {@code sales}, table {@code orders}.
     */
    public static Backfill table(String table) {
        return new Backfill(Operation.UPDATE, requireName(table, "table"));
    }

    /** A batched {@code DELETE FROM table} (retention clean-ups); add {@link #where(String)}. */
    public static Backfill deleteFrom(String table) {
        return new Backfill(Operation.DELETE, requireName(table, "table"));
    }

    /** The schema of the table (quoted as given). */
    public Backfill schema(String schema) {
        return copy(b -> b.schema = requireName(schema, "schema"));
    }

    /** An alias for the table, to refer to it in SET/WHERE/FROM fragments as {@code alias.column}. */
    public Backfill as(String alias) {
        return copy(b -> b.alias = requireName(alias, "alias"));
    }

    /** The assignments of the {@code UPDATE}, as SQL: {@code "email_verified = false, updated_at = now()"}. */
    public Backfill set(String assignments) {
        return copy(b -> b.set = requireFragment(assignments, "set"));
    }

    /**
     * Which rows need the change, as an SQL condition: {@code "email_verified IS NULL"}. Re-checked in every
     * batch, and counted at the end (the run fails when rows still match). Without it every row is changed
     * once and nothing is counted.
     */
    public Backfill where(String predicate) {
        return copy(b -> b.where = requireFragment(predicate, "where"));
    }

    /**
     * A join source: {@code UPDATE t SET ... FROM <fromItems> WHERE ...} (for a delete: {@code USING}). Put the
     * join condition in {@link #where(String)}, referring to the table by its name or {@link #as(String) alias}.
     * Every batch joins its rows to the source, so the source should be indexed on the join column (otherwise each
     * batch reads all of it).
     */
    public Backfill from(String fromItems) {
        return copy(b -> b.from = requireFragment(fromItems, "from"));
    }

    /**
     * The columns to walk the table by, in index order (default: the primary key, else a unique index whose
     * columns are all NOT NULL). They must be NOT NULL and lead a btree index.
     */
    public Backfill key(String... columns) {
        if (columns == null || columns.length == 0) {
            throw new IllegalArgumentException("key(...) needs at least one column");
        }
        List<String> names = Arrays.stream(columns).map(c -> requireName(c, "key column")).toList();
        return copy(b -> b.key = names);
    }

    /** A fixed number of keys per batch (no adaptation to {@link #targetBatchDuration(Duration)}). */
    public Backfill batchSize(int keysPerBatch) {
        requirePositive(keysPerBatch, "batchSize");
        return copy(b -> b.batchSize = keysPerBatch);
    }

    /** Adapt the batch size so that a batch takes about this long (default 200 ms). */
    public Backfill targetBatchDuration(Duration duration) {
        requirePositive(duration, "targetBatchDuration");
        return copy(b -> b.targetBatchDuration = duration);
    }

    /** The bounds of the adaptive batch size (default 100 and 100000 keys). */
    public Backfill batchSizeBounds(int min, int max) {
        requirePositive(min, "batchSizeBounds min");
        if (max < min) {
            throw new IllegalArgumentException("batchSizeBounds: max " + max + " is below min " + min);
        }
        return copy(b -> {
            b.minBatchSize = min;
            b.maxBatchSize = max;
        });
    }

    /** Sleep this long after every batch (default none). */
    public Backfill pauseBetweenBatches(Duration pause) {
        Objects.requireNonNull(pause, "pause");
        if (pause.isNegative()) {
            throw new IllegalArgumentException("pauseBetweenBatches must not be negative");
        }
        return copy(b -> b.pause = pause);
    }

    /** Changed rows per second, at most (default no cap). */
    public Backfill maxRowsPerSecond(long rows) {
        requirePositive(rows, "maxRowsPerSecond");
        return copy(b -> b.maxRowsPerSecond = rows);
    }

    /** Pause while a standby in pg_stat_replication lags more than this (default 10 s; {@link Duration#ZERO} disables). */
    public Backfill maxReplicationLag(Duration lag) {
        Objects.requireNonNull(lag, "maxReplicationLag");
        if (lag.isNegative()) {
            throw new IllegalArgumentException("maxReplicationLag must not be negative");
        }
        return copy(b -> b.maxReplicationLag = lag);
    }

    /** lock_timeout of each batch (default 200 ms); a batch that times out is rolled back and retried. */
    public Backfill lockTimeout(Duration timeout) {
        requirePositive(timeout, "lockTimeout");
        return copy(b -> b.lockTimeout = timeout);
    }

    /** statement_timeout of each batch (default 10 s); a batch that times out is retried at half the size. */
    public Backfill statementTimeout(Duration timeout) {
        requirePositive(timeout, "statementTimeout");
        return copy(b -> b.statementTimeout = timeout);
    }

    /** How often one batch is retried after lock timeouts, deadlocks or serialization failures (default 10). */
    public Backfill maxRetries(int retries) {
        if (retries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative");
        }
        return copy(b -> b.maxRetries = retries);
    }

    /**
     * Whether to count the rows still matching the predicate at the end and fail when some are left
     * (default true). Switch it off for predicates that rows can start matching on their own over time,
     * such as {@code created_at < now() - interval '90 days'}.
     */
    public Backfill verifyNoneRemain(boolean verify) {
        return copy(b -> b.verify = verify);
    }

    /** How often a progress line is logged, at most (default 5 s). */
    public Backfill progressInterval(Duration interval) {
        requirePositive(interval, "progressInterval");
        return copy(b -> b.progressInterval = interval);
    }

    /**
     * Splits a background job into {@code n} disjoint key ranges (by the first key column) that several runners walk at
     * once, each range its own unit with its own checkpoint ({@code -- zdm:batched ... background ranges=4} in SQL). The
     * bounds are read once when the job is recorded: the key's minimum and maximum for a numeric key, the quantiles of
     * its {@code pg_stats} histogram otherwise (no statistics: one range). The first range has no lower bound and the last
     * no upper bound, so rows inserted later, below or above every existing key, are still walked. A backfill run in the
     * foreground walks the whole table and ignores it; 1 (the default) does not split.
     */
    public Backfill ranges(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("ranges must be at least 1, was " + n);
        }
        return copy(b -> b.ranges = n);
    }

    /** Everything this backfill declares, as a value that can be stored as JSON ({@link BackfillSpec#toJson()}). */
    public BackfillSpec spec() {
        return new BackfillSpec(operation, schema, table, !dottedNameIsQualified, alias, set, from, where, key, batchSize,
                targetBatchDuration, minBatchSize, maxBatchSize, pause, maxRowsPerSecond, maxReplicationLag, lockTimeout,
                statementTimeout, maxRetries, verify, progressInterval, ranges, rangeFrom, rangeTo);
    }

    /**
     * The backfill {@code spec} describes, checked as if it had been built with the methods of this class (a zero
     * batchSize or a fragment with a ';' is refused the same way).
     */
    public static Backfill fromSpec(BackfillSpec spec) {
        if ((spec.minBatchSize() == null) != (spec.maxBatchSize() == null)) {
            throw new IllegalArgumentException("minBatchSize and maxBatchSize come together (batchSizeBounds), found only one");
        }
        Backfill b = spec.operation() == Operation.UPDATE ? table(spec.table()) : deleteFrom(spec.table());
        b = spec.exactTableName() ? b.exactTableName() : b;
        b = with(b, spec.schema(), Backfill::schema);
        b = with(b, spec.alias(), Backfill::as);
        b = with(b, spec.set(), Backfill::set);
        b = with(b, spec.from(), Backfill::from);
        b = with(b, spec.where(), Backfill::where);
        b = with(b, spec.key().isEmpty() ? null : spec.key(), (x, key) -> x.key(key.toArray(String[]::new)));
        b = with(b, spec.batchSize(), Backfill::batchSize);
        b = with(b, spec.targetBatchDuration(), Backfill::targetBatchDuration);
        b = with(b, spec.minBatchSize(), (x, min) -> x.batchSizeBounds(min, spec.maxBatchSize()));
        b = with(b, spec.pauseBetweenBatches(), Backfill::pauseBetweenBatches);
        b = with(b, spec.maxRowsPerSecond(), Backfill::maxRowsPerSecond);
        b = with(b, spec.maxReplicationLag(), Backfill::maxReplicationLag);
        b = with(b, spec.lockTimeout(), Backfill::lockTimeout);
        b = with(b, spec.statementTimeout(), Backfill::statementTimeout);
        b = with(b, spec.maxRetries(), Backfill::maxRetries);
        b = with(b, spec.verify(), Backfill::verifyNoneRemain);
        b = with(b, spec.ranges(), Backfill::ranges);
        if (spec.isRangeUnit()) {
            b = b.copy(x -> {
                x.rangeFrom = spec.rangeFrom();
                x.rangeTo = spec.rangeTo();
            });
        }
        return with(b, spec.progressInterval(), Backfill::progressInterval);
    }

    /** {@code b} with {@code value} applied through its builder method, or {@code b} when the spec leaves it out. */
    private static <T> Backfill with(Backfill b, T value, BiFunction<Backfill, T, Backfill> option) {
        return value == null ? b : option.apply(b, value);
    }

    public Operation operation() {
        return operation;
    }

    /** The schema as set, or empty (search_path). */
    public Optional<String> schema() {
        return Optional.ofNullable(schema);
    }

    public String table() {
        return table;
    }

    public Optional<String> alias() {
        return Optional.ofNullable(alias);
    }

    public Optional<String> setClause() {
        return Optional.ofNullable(set);
    }

    public Optional<String> fromClause() {
        return Optional.ofNullable(from);
    }

    public Optional<String> whereClause() {
        return Optional.ofNullable(where);
    }

    /** The key columns as set; empty means the primary key (or a usable unique index). */
    public List<String> key() {
        return key;
    }

    Optional<Integer> fixedBatchSize() {
        return Optional.ofNullable(batchSize);
    }

    Optional<Duration> targetBatchDurationOverride() {
        return Optional.ofNullable(targetBatchDuration);
    }

    Optional<Integer> minBatchSize() {
        return Optional.ofNullable(minBatchSize);
    }

    Optional<Integer> maxBatchSize() {
        return Optional.ofNullable(maxBatchSize);
    }

    Optional<Duration> pause() {
        return Optional.ofNullable(pause);
    }

    Optional<Long> maxRowsPerSecond() {
        return Optional.ofNullable(maxRowsPerSecond);
    }

    Optional<Duration> maxReplicationLag() {
        return Optional.ofNullable(maxReplicationLag);
    }

    Optional<Duration> lockTimeout() {
        return Optional.ofNullable(lockTimeout);
    }

    Optional<Duration> statementTimeout() {
        return Optional.ofNullable(statementTimeout);
    }

    Optional<Integer> maxRetries() {
        return Optional.ofNullable(maxRetries);
    }

    /** Verification happens when asked for (default) and when there is a predicate to count. */
    boolean verifies() {
        return where != null && (verify == null || verify);
    }

    Optional<Duration> progressInterval() {
        return Optional.ofNullable(progressInterval);
    }

    /** The number of key ranges a background job is split into (1: not split). */
    int ranges() {
        return ranges == null ? 1 : ranges;
    }

    /** A range unit's inclusive lower bound on the first key column, as text; null: unbounded (or not a range unit). */
    String rangeFrom() {
        return rangeFrom;
    }

    /** A range unit's exclusive upper bound on the first key column, as text; null: unbounded (or not a range unit). */
    String rangeTo() {
        return rangeTo;
    }

    /** The statement a batch runs, without the key range: for logs, errors and the checkpoint row. */
    public String describe() {
        String target = Identifiers.display(schema, table) + (alias == null ? "" : " AS " + alias);
        StringBuilder out = new StringBuilder();
        if (operation == Operation.UPDATE) {
            out.append("UPDATE ").append(target).append(" SET ").append(set == null ? "<missing set(...)>" : set);
            if (from != null) {
                out.append(" FROM ").append(from);
            }
        } else {
            out.append("DELETE FROM ").append(target);
            if (from != null) {
                out.append(" USING ").append(from);
            }
        }
        if (where != null) {
            out.append(" WHERE ").append(where);
        }
        return out.toString();
    }

    /** The table name is exact even when it holds a dot (the SQL form knows its schema part already). */
    Backfill exactTableName() {
        return copy(b -> b.dottedNameIsQualified = false);
    }

    /** Whether {@code "sales.orders"} without a schema means schema sales, table orders. */
    boolean dottedNameIsQualified() {
        return dottedNameIsQualified && schema == null;
    }

    /** The table as the user named it, for progress lines: {@code users}, {@code sales.orders}. */
    String displayName() {
        return Identifiers.display(schema, table);
    }

    /** Checks the parts that belong together; the engine calls it before touching the database. */
    void validate() {
        if (operation == Operation.UPDATE && set == null) {
            throw new BackfillDefinitionException("Backfill of " + displayName() + " has no set(...): say what to change, for example "
                    + "Backfill.table(\"" + table + "\").set(\"email_verified = false\").where(\"email_verified IS NULL\").");
        }
        if (operation == Operation.DELETE && set != null) {
            throw new BackfillDefinitionException("Backfill.deleteFrom(\"" + table + "\") cannot have set(...): a delete changes no columns.");
        }
        if (!key.isEmpty()) {
            refuseKeyAssignment(key);
        }
    }

    /**
     * Refuses a SET that assigns one of the columns the walk goes by: a row whose key moves ahead of the walk is met again
     * by a later batch and changed again, without end ({@code SET id = id + 1000} with key id).
     */
    void refuseKeyAssignment(List<String> keyColumns) {
        if (operation != Operation.UPDATE || set == null) {
            return;
        }
        List<String> assigned = SetClause.read(set).columns().stream().filter(keyColumns::contains).toList();
        if (assigned.isEmpty()) {
            return;
        }
        throw new BackfillDefinitionException("Backfill of " + displayName() + ": SET " + set + " assigns " + (assigned.size() == 1
                ? "the key column " : "the key columns ") + Identifiers.quoteAll(assigned) + ", and the batches walk the table in order of "
                + Identifiers.quoteAll(keyColumns) + ": a row whose key moves ahead of the walk is met again by a later batch and changed"
                + " again, without end. Nothing was changed. Walk by another unique, NOT NULL key that the SET leaves alone (key=<column>"
                + " in the directive, key(\"<column>\") in Java), or write the change differently (for example into a new column that"
                + " is swapped in afterwards).");
    }

    @Override
    public String toString() {
        return describe();
    }

    private Backfill copy(Consumer<Backfill> change) {
        Backfill copy = new Backfill(this);
        change.accept(copy);
        return copy;
    }

    private static String requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " name must not be empty");
        }
        return name;
    }

    /** A fragment must be one piece of SQL: see {@link FragmentCheck} (no ';', no trailing comment, balanced). */
    private static String requireFragment(String fragment, String clause) {
        return FragmentCheck.require("Backfill." + clause, fragment);
    }

    private static void requirePositive(long value, String what) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
    }

    private static void requirePositive(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
    }
}
