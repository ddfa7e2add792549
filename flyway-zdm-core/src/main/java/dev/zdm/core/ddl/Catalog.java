package dev.zdm.core.ddl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The catalog facts the operations decide on: does the index exist, is it valid, is a build running, which
 * partitions and constraints are there. Every decision is re-read from the database, which is what makes the
 * operations safe to re-run after a crash at any step.
 */
final class Catalog {

    /** A table or partition. {@code kind} is pg_class.relkind: r table, p partitioned, f foreign. */
    record Table(long oid, String schema, String name, char kind) {
        QualifiedName qualified() {
            return new QualifiedName(schema, name);
        }

        boolean partitioned() {
            return kind == 'p';
        }
    }

    /**
     * An index. {@code kind} is i (plain) or I (partitioned); {@code buildingPid} is the backend building it right
     * now (pg_stat_progress_create_index), or 0.
     */
    record Index(long oid, String schema, String name, long tableOid, String tableName, char kind, boolean valid,
                 boolean ready, boolean unique, int buildingPid) {
        QualifiedName qualified() {
            return new QualifiedName(schema, name);
        }

        boolean partitioned() {
            return kind == 'I';
        }
    }

    /** A constraint of a table: {@code type} is pg_constraint.contype (f, c, u, p, n). */
    record Constraint(String name, char type, boolean validated, long indexOid) {
    }

    /** A column and whether pg_attribute says NOT NULL. */
    record Column(int attnum, boolean notNull) {
    }

    private static final String INDEX_COLUMNS = "SELECT c.oid, n.nspname, c.relname, i.indrelid, t.relname, c.relkind, "
            + "i.indisvalid, i.indisready, i.indisunique, "
            + "coalesce((SELECT p.pid FROM pg_stat_progress_create_index p WHERE p.index_relid = c.oid LIMIT 1), 0) "
            + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_index i ON i.indexrelid = c.oid "
            + "JOIN pg_class t ON t.oid = i.indrelid ";

    private final Connection connection;

    Catalog(Connection connection) {
        this.connection = connection;
    }

    /** The connection it reads through, for catalog questions asked by one operation only ({@link ColumnFacts}). */
    Connection connection() {
        return connection;
    }

    /** server_version_num, for example 150020 or 180006. */
    int serverVersion() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT current_setting('server_version_num')::int");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The table (or partitioned table) {@code name} as the session's search_path resolves it. */
    Optional<Table> table(QualifiedName name) throws SQLException {
        return one("SELECT c.oid, n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.oid = to_regclass(?) AND c.relkind IN ('r', 'p', 'f', 'm')", Catalog::table, name.quoted());
    }

    /** Like {@link #table}, failing with a clear message when there is no such table. */
    Table requireTable(QualifiedName name) throws SQLException {
        return table(name).orElseThrow(() -> new DdlException("table " + name + " does not exist (looked up as "
                + name.quoted() + " through the search_path). Check the name and schema; names are case-sensitive."));
    }

    /** The index {@code name} as the session's search_path resolves it. */
    Optional<Index> index(QualifiedName name) throws SQLException {
        return one(INDEX_COLUMNS + "WHERE c.oid = to_regclass(?) AND c.relkind IN ('i', 'I')", Catalog::index, name.quoted());
    }

    /** The index called {@code name} in {@code schema}: where {@code CREATE INDEX name ON schema.table} puts it. */
    Optional<Index> index(String schema, String name) throws SQLException {
        return one(INDEX_COLUMNS + "WHERE n.nspname = ? AND c.relname = ?", Catalog::index, schema, name);
    }

    Optional<Index> index(long oid) throws SQLException {
        return one(INDEX_COLUMNS + "WHERE c.oid = ?", Catalog::index, oid);
    }

    /** Whether a relation of any kind (table, sequence, view, index) named {@code name} exists in {@code schema}. */
    boolean relationExists(String schema, String name) throws SQLException {
        return one("SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?",
                rs -> true, schema, name).isPresent();
    }

    /** The indexes of a table that are not valid (left by failed or cancelled concurrent builds). */
    List<Index> invalidIndexes(long tableOid) throws SQLException {
        return list(INDEX_COLUMNS + "WHERE i.indrelid = ? AND NOT i.indisvalid ORDER BY c.relname", Catalog::index, tableOid);
    }

    /**
     * Invalid {@code _ccnew}/{@code _ccold} indexes that a failed {@code REINDEX CONCURRENTLY} leaves behind, on one
     * table ({@code tableOid} > 0), in one schema ({@code schema} not null), or in the whole database.
     */
    List<Index> reindexLeftovers(long tableOid, String schema) throws SQLException {
        String where = "WHERE NOT i.indisvalid AND c.relname ~ '_cc(new|old)[0-9]*$' ";
        if (tableOid > 0) {
            // the table and, when it is partitioned, its partitions (REINDEX TABLE on a partitioned table, PostgreSQL 14+)
            return list(INDEX_COLUMNS + where + "AND (i.indrelid = ? OR i.indrelid IN (SELECT relid FROM pg_partition_tree(?::oid::regclass))) "
                    + "ORDER BY c.relname", Catalog::index, tableOid, tableOid);
        }
        if (schema != null) {
            return list(INDEX_COLUMNS + where + "AND n.nspname = ? ORDER BY c.relname", Catalog::index, schema);
        }
        return list(INDEX_COLUMNS + where + "ORDER BY n.nspname, c.relname", Catalog::index);
    }

    /** The direct partitions of a partitioned table, by name. */
    List<Table> partitions(long parentOid) throws SQLException {
        return list("SELECT c.oid, n.nspname, c.relname, c.relkind FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE h.inhparent = ? ORDER BY c.relname", Catalog::table, parentOid);
    }

    /** The index of partition {@code partitionOid} attached to the partitioned index {@code parentIndexOid}, if any. */
    Optional<Index> attachedIndex(long parentIndexOid, long partitionOid) throws SQLException {
        return one(INDEX_COLUMNS + "JOIN pg_inherits h ON h.inhrelid = c.oid WHERE h.inhparent = ? AND i.indrelid = ?",
                Catalog::index, parentIndexOid, partitionOid);
    }

    /** The partitioned index an index is attached to, if any. */
    Optional<Long> parentIndex(long indexOid) throws SQLException {
        return one("SELECT inhparent FROM pg_inherits WHERE inhrelid = ?", rs -> rs.getLong(1), indexOid);
    }

    Optional<Constraint> constraint(long tableOid, String name) throws SQLException {
        return one("SELECT conname, contype, convalidated, conindid FROM pg_constraint WHERE conrelid = ? AND conname = ?",
                Catalog::constraint, tableOid, name);
    }

    Optional<Constraint> primaryKey(long tableOid) throws SQLException {
        return one("SELECT conname, contype, convalidated, conindid FROM pg_constraint WHERE conrelid = ? AND contype = 'p'",
                Catalog::constraint, tableOid);
    }

    /** The not-null constraint of a column (PostgreSQL 18 keeps them in pg_constraint, contype n). */
    Optional<Constraint> notNullConstraint(long tableOid, int attnum) throws SQLException {
        return one("SELECT conname, contype, convalidated, conindid FROM pg_constraint "
                + "WHERE conrelid = ? AND contype = 'n' AND conkey = ARRAY[?]::int2[]", Catalog::constraint, tableOid, attnum);
    }

    Optional<Column> column(long tableOid, String name) throws SQLException {
        return one("SELECT attnum, attnotnull FROM pg_attribute WHERE attrelid = ? AND attname = ? AND attnum > 0 AND NOT attisdropped",
                rs -> new Column(rs.getInt(1), rs.getBoolean(2)), tableOid, name);
    }

    /** The key columns of an index in order; an expression column reads as null. */
    List<String> indexColumns(long indexOid) throws SQLException {
        return list("SELECT a.attname FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord) "
                + "LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
                + "WHERE i.indexrelid = ? AND k.ord <= i.indnkeyatts ORDER BY k.ord", rs -> rs.getString(1), indexOid);
    }

    private static Table table(ResultSet rs) throws SQLException {
        return new Table(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4).charAt(0));
    }

    private static Index index(ResultSet rs) throws SQLException {
        return new Index(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6).charAt(0),
                rs.getBoolean(7), rs.getBoolean(8), rs.getBoolean(9), rs.getInt(10));
    }

    private static Constraint constraint(ResultSet rs) throws SQLException {
        return new Constraint(rs.getString(1), rs.getString(2).charAt(0), rs.getBoolean(3), rs.getLong(4));
    }

    /** One row of a catalog query, read into a value. */
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> Optional<T> one(String sql, Row<T> row, Object... params) throws SQLException {
        List<T> all = list(sql, row, params);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private <T> List<T> list(String sql, Row<T> row, Object... params) throws SQLException {
        return list(connection, sql, row, params);
    }

    /** The rows of a catalog query with bound parameters, shared with the other readers of this package. */
    static <T> List<T> list(Connection connection, String sql, Row<T> row, Object... params) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
        }
        return out;
    }
}
