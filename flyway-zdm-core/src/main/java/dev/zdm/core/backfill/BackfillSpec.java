package dev.zdm.core.backfill;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything a {@link Backfill} declares, as a value that can be stored and read back ({@link #toJson()},
 * {@link #fromJson(String)}), so that a runner other than the migration that declared a backfill can run or resume it
 * later. Options not declared are null (the runner's {@link BackfillDefaults} apply, as for the original); durations
 * are ISO-8601 in JSON ({@code "PT0.2S"}). Build one with {@link Backfill#spec()}, turn it back with
 * {@link Backfill#fromSpec(BackfillSpec)}.
 *
 * <pre>
 * {"version":1,"operation":"UPDATE","table":"users","set":"email_verified = false","where":"email_verified IS NULL","batchSize":500}
 * </pre>
 *
 * @param operation           UPDATE or DELETE
 * @param schema              the table's schema, or null (search_path)
 * @param table               the table as named
 * @param exactTableName      true when a dot in {@code table} is part of the name (not schema.table)
 * @param alias               the table's alias in the fragments, or null
 * @param set                 the SET assignments (UPDATE), or null
 * @param from                the FROM / USING items, or null
 * @param where               the predicate, or null
 * @param key                 the key columns; empty: the primary key (or a usable unique index)
 * @param batchSize           fixed keys per batch, or null (adaptive)
 * @param targetBatchDuration the adaptive batch's target duration, or null
 * @param minBatchSize        the adaptive bounds, both or neither
 * @param maxBatchSize        the adaptive bounds, both or neither
 * @param pauseBetweenBatches sleep after each batch, or null
 * @param maxRowsPerSecond    the rate cap, or null
 * @param maxReplicationLag   the standby lag limit, or null
 * @param lockTimeout         each batch's lock_timeout, or null
 * @param statementTimeout    each batch's statement_timeout, or null
 * @param maxRetries          retries of one batch, or null
 * @param verify              whether to count the rows still matching at the end, or null (yes, when there is a WHERE)
 * @param progressInterval    the least time between progress lines, or null
 * @param ranges              a background job's number of key ranges (units several runners take at once), or null (one)
 * @param rangeFrom           one range unit's lower bound on the first key column, inclusive, as text; null: unbounded
 * @param rangeTo             one range unit's upper bound on the first key column, exclusive, as text; null: unbounded
 */
public record BackfillSpec(Backfill.Operation operation, String schema, String table, boolean exactTableName, String alias, String set,
                           String from, String where, List<String> key, Integer batchSize, Duration targetBatchDuration,
                           Integer minBatchSize, Integer maxBatchSize, Duration pauseBetweenBatches, Long maxRowsPerSecond,
                           Duration maxReplicationLag, Duration lockTimeout, Duration statementTimeout, Integer maxRetries,
                           Boolean verify, Duration progressInterval, Integer ranges, String rangeFrom, String rangeTo) {

    /**
     * The version of the JSON form this code writes and the newest it reads; raise it when the form changes. Version 2
     * added the key ranges ({@code ranges}, {@code rangeFrom}, {@code rangeTo}); a specification without them is still
     * written as version 1, so that an older runner reads it.
     */
    public static final int VERSION = 2;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final List<String> FIELDS = List.of("version", "operation", "schema", "table", "exactTableName", "alias", "set", "from",
            "where", "key", "batchSize", "targetBatchDuration", "minBatchSize", "maxBatchSize", "pauseBetweenBatches", "maxRowsPerSecond",
            "maxReplicationLag", "lockTimeout", "statementTimeout", "maxRetries", "verify", "progressInterval", "ranges", "rangeFrom",
            "rangeTo");
    private static final Set<String> KNOWN = Set.copyOf(FIELDS);

    public BackfillSpec {
        if (operation == null || table == null) {
            throw new IllegalArgumentException("a backfill specification needs an operation and a table");
        }
        key = key == null ? List.of() : List.copyOf(key);
        if (ranges != null && ranges < 1) {
            throw new IllegalArgumentException("ranges must be at least 1, was " + ranges);
        }
    }

    /** Without key ranges (the form before version 2). */
    public BackfillSpec(Backfill.Operation operation, String schema, String table, boolean exactTableName, String alias, String set,
                        String from, String where, List<String> key, Integer batchSize, Duration targetBatchDuration,
                        Integer minBatchSize, Integer maxBatchSize, Duration pauseBetweenBatches, Long maxRowsPerSecond,
                        Duration maxReplicationLag, Duration lockTimeout, Duration statementTimeout, Integer maxRetries,
                        Boolean verify, Duration progressInterval) {
        this(operation, schema, table, exactTableName, alias, set, from, where, key, batchSize, targetBatchDuration, minBatchSize,
                maxBatchSize, pauseBetweenBatches, maxRowsPerSecond, maxReplicationLag, lockTimeout, statementTimeout, maxRetries, verify,
                progressInterval, null, null, null);
    }

    /**
     * One range unit of this job: the keys whose first column lies in {@code [from, to)} (a null end is open); the unit
     * itself is not split again ({@code ranges} dropped).
     *
     * @param lower the inclusive lower bound as text, or null
     * @param upper the exclusive upper bound as text, or null
     */
    public BackfillSpec inRange(String lower, String upper) {
        return new BackfillSpec(operation, schema, table, exactTableName, alias, set, from, where, key, batchSize, targetBatchDuration,
                minBatchSize, maxBatchSize, pauseBetweenBatches, maxRowsPerSecond, maxReplicationLag, lockTimeout, statementTimeout,
                maxRetries, verify, progressInterval, null, lower, upper);
    }

    /** Whether this is one key range of a split job (it has a bound). */
    public boolean isRangeUnit() {
        return rangeFrom != null || rangeTo != null;
    }

    /**
     * The same backfill on one partition of its (partitioned) table: the partition's schema and exact name, exposed under
     * the alias the fragments use, else under the partitioned table's name, so that qualified references still resolve.
     */
    public BackfillSpec onPartition(String partitionSchema, String partitionName, String exposedAs) {
        return new BackfillSpec(operation, partitionSchema, partitionName, true, alias != null ? alias : exposedAs, set, from, where, key,
                batchSize, targetBatchDuration, minBatchSize, maxBatchSize, pauseBetweenBatches, maxRowsPerSecond, maxReplicationLag,
                lockTimeout, statementTimeout, maxRetries, verify, progressInterval, ranges, rangeFrom, rangeTo);
    }

    /** Compact JSON with {@code "version"} first and only the declared fields. */
    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", ranges == null && !isRangeUnit() ? 1 : VERSION);
        root.put("operation", operation.name());
        putIfSet(root, "schema", schema);
        root.put("table", table);
        if (exactTableName) {
            root.put("exactTableName", true);
        }
        putIfSet(root, "alias", alias);
        putIfSet(root, "set", set);
        putIfSet(root, "from", from);
        putIfSet(root, "where", where);
        if (!key.isEmpty()) {
            ArrayNode columns = root.putArray("key");
            key.forEach(columns::add);
        }
        putIfSet(root, "batchSize", batchSize == null ? null : batchSize.longValue());
        putIfSet(root, "targetBatchDuration", targetBatchDuration);
        putIfSet(root, "minBatchSize", minBatchSize == null ? null : minBatchSize.longValue());
        putIfSet(root, "maxBatchSize", maxBatchSize == null ? null : maxBatchSize.longValue());
        putIfSet(root, "pauseBetweenBatches", pauseBetweenBatches);
        putIfSet(root, "maxRowsPerSecond", maxRowsPerSecond);
        putIfSet(root, "maxReplicationLag", maxReplicationLag);
        putIfSet(root, "lockTimeout", lockTimeout);
        putIfSet(root, "statementTimeout", statementTimeout);
        putIfSet(root, "maxRetries", maxRetries == null ? null : maxRetries.longValue());
        if (verify != null) {
            root.put("verify", verify);
        }
        putIfSet(root, "progressInterval", progressInterval);
        putIfSet(root, "ranges", ranges == null ? null : ranges.longValue());
        putIfSet(root, "rangeFrom", rangeFrom);
        putIfSet(root, "rangeTo", rangeTo);
        return MAPPER.writeValueAsString(root);
    }

    /**
     * Reads what {@link #toJson()} wrote (this version or an older one).
     *
     * @throws BackfillDefinitionException naming the field, for an unknown field, a missing or newer version, or a value
     *                                     of the wrong type
     */
    public static BackfillSpec fromJson(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw invalid("it is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw invalid("expected a JSON object, found " + (root == null ? "nothing" : root.getNodeType()));
        }
        for (String name : root.propertyNames()) {
            if (!KNOWN.contains(name)) {
                throw invalid("unknown field \"" + name + "\" (known fields: " + String.join(", ", FIELDS) + "). It was written by a newer"
                        + " flyway-zdm or edited by hand: run it with the version that wrote it, or remove the field");
            }
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isIntegralNumber()) {
            throw invalid("field \"version\" is missing or not a whole number (this flyway-zdm writes " + VERSION + ")");
        }
        if (version.longValue() > VERSION || version.longValue() < 1) {
            throw invalid("field \"version\" is " + version.longValue() + ", this flyway-zdm reads versions 1 to " + VERSION
                    + ": run it with the flyway-zdm that wrote it");
        }
        return new BackfillSpec(operation(root), text(root, "schema"), required(root, "table"), bool(root, "exactTableName", false),
                text(root, "alias"), text(root, "set"), text(root, "from"), text(root, "where"), key(root), integer(root, "batchSize"),
                duration(root, "targetBatchDuration"), integer(root, "minBatchSize"), integer(root, "maxBatchSize"),
                duration(root, "pauseBetweenBatches"), whole(root, "maxRowsPerSecond"), duration(root, "maxReplicationLag"),
                duration(root, "lockTimeout"), duration(root, "statementTimeout"), integer(root, "maxRetries"),
                root.has("verify") ? bool(root, "verify", true) : null, duration(root, "progressInterval"), integer(root, "ranges"),
                text(root, "rangeFrom"), text(root, "rangeTo"));
    }

    private static void putIfSet(ObjectNode root, String name, String value) {
        if (value != null) {
            root.put(name, value);
        }
    }

    private static void putIfSet(ObjectNode root, String name, Long value) {
        if (value != null) {
            root.put(name, value);
        }
    }

    private static void putIfSet(ObjectNode root, String name, Duration value) {
        if (value != null) {
            root.put(name, value.toString());
        }
    }

    private static Backfill.Operation operation(JsonNode root) {
        String value = required(root, "operation");
        try {
            return Backfill.Operation.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw invalid("field \"operation\" is \"" + value + "\", expected UPDATE or DELETE");
        }
    }

    private static String required(JsonNode root, String name) {
        String value = text(root, name);
        if (value == null) {
            throw invalid("field \"" + name + "\" is missing");
        }
        return value;
    }

    private static String text(JsonNode root, String name) {
        return field(root, name, JsonNode::isString, "a string", JsonNode::stringValue);
    }

    private static boolean bool(JsonNode root, String name, boolean absent) {
        Boolean value = field(root, name, JsonNode::isBoolean, "true or false", JsonNode::booleanValue);
        return value == null ? absent : value;
    }

    private static Long whole(JsonNode root, String name) {
        return field(root, name, n -> n.isIntegralNumber() && n.canConvertToLong(), "a whole number", JsonNode::longValue);
    }

    /** The field's value, null when absent or JSON null; a value of another type is refused, naming the field. */
    private static <T> T field(JsonNode root, String name, Predicate<JsonNode> isType, String expected, Function<JsonNode, T> value) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!isType.test(node)) {
            throw wrongType(name, expected, node);
        }
        return value.apply(node);
    }

    private static Integer integer(JsonNode root, String name) {
        Long value = whole(root, name);
        if (value != null && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
            throw wrongType(name, "a whole number up to " + Integer.MAX_VALUE, root.get(name));
        }
        return value == null ? null : value.intValue();
    }

    private static Duration duration(JsonNode root, String name) {
        String value = text(root, name);
        if (value == null) {
            return null;
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid("field \"" + name + "\" is \"" + value + "\", expected an ISO-8601 duration such as PT0.2S or PT5M");
        }
    }

    private static List<String> key(JsonNode root) {
        JsonNode node = root.get("key");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw wrongType("key", "an array of column names", node);
        }
        List<String> columns = new ArrayList<>();
        for (JsonNode column : node.values()) {
            if (!column.isString()) {
                throw wrongType("key", "an array of column names", node);
            }
            columns.add(column.stringValue());
        }
        return columns;
    }

    private static BackfillDefinitionException wrongType(String name, String expected, JsonNode found) {
        return invalid("field \"" + name + "\" must be " + expected + ", found " + found);
    }

    private static BackfillDefinitionException invalid(String problem) {
        return new BackfillDefinitionException("Backfill specification cannot be read: " + problem + ".");
    }

    /** The fields of the JSON form in the order {@link #toJson()} writes them (for docs and tests). */
    static List<String> fields() {
        return FIELDS;
    }
}
