package dev.zdm.core.ddl;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The catalog facts a column copy ({@link ColumnCopy}) decides on: the column's type, collation, default and owned
 * sequence, the objects that depend on it, its indexes, the sync trigger, and the helper indexes waiting for their final
 * names. Every answer is read live, which is what lets the operation resume after a crash at any step.
 */
final class ColumnFacts {
    /** The comment that marks a copied index with the name it takes at contract. */
    static final String FINAL_NAME = "zdm:final-name ";

    /** A column: {@code type} as format_type writes it, {@code collation} only when it is not the type's default. */
    record ColumnInfo(int attnum, String type, long typeOid, String collation, boolean notNull, String defaultExpr, String ownedSequence,
                      boolean identity, boolean generated) {
    }

    /** An index on the copied column that the expand rebuilds on the new one. */
    record IndexInfo(long oid, String name, boolean unique, boolean constraint, String method, List<String> keyColumns,
                     List<Integer> options, List<String> includeColumns) {
    }

    /**
     * A helper waiting for its final name: an index ({@code index}; {@code constraint} when a unique constraint uses it)
     * or a CHECK or foreign key ({@code index} false, {@code constraint} true).
     */
    record Tagged(String name, String finalName, boolean constraint, boolean index) {
    }

    /** A CHECK or foreign key on the copied column: {@code definition} as pg_get_constraintdef writes it. */
    record ConstraintInfo(String name, char type, String definition, List<String> columns, long referencedOid) {
    }

    private final Connection connection;

    ColumnFacts(Catalog catalog) {
        this.connection = catalog.connection();
    }

    Optional<ColumnInfo> column(long tableOid, String name) throws SQLException {
        List<ColumnInfo> found = list("SELECT a.attnum, format_type(a.atttypid, a.atttypmod), a.atttypid, "
                + "CASE WHEN a.attcollation <> t.typcollation THEN (SELECT quote_ident(co.collname) FROM pg_collation co "
                + "WHERE co.oid = a.attcollation) END, a.attnotnull, pg_get_expr(d.adbin, d.adrelid), "
                + "(SELECT s.oid::regclass::text FROM pg_depend dep JOIN pg_class s ON s.oid = dep.objid AND s.relkind = 'S' "
                + "WHERE dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.classid = 'pg_class'::regclass "
                + "AND dep.deptype IN ('a', 'i') LIMIT 1), a.attidentity <> '', a.attgenerated <> '' "
                + "FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
                + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "WHERE a.attrelid = ? AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped",
                rs -> new ColumnInfo(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getBoolean(5), rs.getString(6),
                        rs.getString(7), rs.getBoolean(8), rs.getBoolean(9)), tableOid, name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The type oid {@code typeName} names, e.g. {@code bigint} -> int8 (typmods are not compared). */
    long typeOid(String typeName) throws SQLException {
        List<Long> found = list("SELECT coalesce(to_regtype(?)::oid::bigint, 0)", rs -> rs.getLong(1), typeName);
        return found.get(0);
    }

    /**
     * What stops the copy, one line each: objects PostgreSQL would drop with the column or that keep reading the old
     * one (views, rules, generated columns, policies, triggers naming it, publications with a column list, statistics,
     * CHECKs and foreign keys, indexes on expressions), and table shapes the copy does not handle (partitioned,
     * partition, inheritance).
     */
    List<String> blockers(long tableOid, String column, int attnum, String ourTrigger) throws SQLException {
        List<String> out = new ArrayList<>();
        out.addAll(list("SELECT DISTINCT CASE WHEN v.relkind IN ('v', 'm') AND r.rulename = '_RETURN' "
                + "THEN (CASE v.relkind WHEN 'm' THEN 'materialized view ' ELSE 'view ' END) || v.oid::regclass::text "
                + "ELSE 'rule ' || quote_ident(r.rulename) || ' on ' || v.oid::regclass::text END "
                + "FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid JOIN pg_class v ON v.oid = r.ev_class "
                + "WHERE d.classid = 'pg_rewrite'::regclass AND d.refobjid = ? AND d.refobjsubid = ?", rs -> rs.getString(1), tableOid, attnum));
        out.addAll(list("SELECT 'generated column ' || quote_ident(a.attname) FROM pg_depend d JOIN pg_attrdef ad ON ad.oid = d.objid "
                + "JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum "
                + "WHERE d.classid = 'pg_attrdef'::regclass AND d.refobjid = ? AND d.refobjsubid = ? AND ad.adnum <> ?",
                rs -> rs.getString(1), tableOid, attnum, attnum));
        out.addAll(list("SELECT 'policy ' || quote_ident(p.polname) FROM pg_depend d JOIN pg_policy p ON p.oid = d.objid "
                + "WHERE d.classid = 'pg_policy'::regclass AND d.refobjid = ? AND d.refobjsubid = ?", rs -> rs.getString(1), tableOid, attnum));
        out.addAll(list("SELECT 'trigger ' || quote_ident(t.tgname) FROM pg_depend d JOIN pg_trigger t ON t.oid = d.objid "
                + "WHERE d.classid = 'pg_trigger'::regclass AND d.refobjid = ? AND d.refobjsubid = ? AND t.tgname <> ?",
                rs -> rs.getString(1), tableOid, attnum, ourTrigger));
        out.addAll(list("SELECT 'statistics object ' || s.oid::regclass::text FROM pg_statistic_ext s "
                + "WHERE s.stxrelid = ? AND ? = ANY (s.stxkeys::int2[])", rs -> rs.getString(1), tableOid, attnum));
        // a primary key and the foreign keys referencing the column are carried over (ReferencingKeys, ColumnSwap), except
        // those that cannot be added NOT VALID (from a partitioned table) or that use the column on both sides
        out.addAll(list("SELECT CASE WHEN c.contype = 'x' THEN 'exclusion constraint ' || quote_ident(c.conname) || ' on ' || c.conrelid::regclass::text "
                + "WHEN t.relkind = 'p' THEN 'foreign key ' || quote_ident(c.conname) || ' on ' || c.conrelid::regclass::text "
                + "|| ' (a partitioned table referencing the column)' "
                + "ELSE 'foreign key ' || quote_ident(c.conname) || ' on ' || c.conrelid::regclass::text || ' (the column on both sides)' END "
                + "FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid WHERE (c.contype = 'x' AND c.conrelid = ? AND ? = ANY (c.conkey)) "
                + "OR (c.contype = 'f' AND c.confrelid = ? AND ? = ANY (c.confkey) AND c.conparentid = 0 "
                + "AND (t.relkind = 'p' OR (c.conrelid = c.confrelid AND ? = ANY (c.conkey))))",
                rs -> rs.getString(1), tableOid, attnum, tableOid, attnum, attnum));
        out.addAll(list("SELECT 'index ' || quote_ident(c.relname) || ' (expressions, a WHERE clause, a non-default operator class or "
                + "collation)' FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                + "WHERE i.indrelid = ? AND NOT i.indisprimary AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass "
                + "AND d.objid = i.indexrelid AND d.refobjid = i.indrelid AND d.refobjsubid = ?) AND (i.indexprs IS NOT NULL "
                + "OR i.indpred IS NOT NULL OR EXISTS (SELECT 1 FROM unnest(i.indclass::oid[]) oc(oid) JOIN pg_opclass o ON o.oid = oc.oid "
                + "WHERE NOT o.opcdefault) OR EXISTS (SELECT 1 FROM unnest(i.indcollation::oid[], i.indkey::int2[]) ic(coll, attnum) "
                + "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ic.attnum WHERE ic.coll <> 0 AND ic.coll <> a.attcollation))",
                rs -> rs.getString(1), tableOid, attnum));
        if (hasPublicationColumnLists()) {
            out.addAll(list("SELECT 'publication ' || quote_ident(p.pubname) || ' (column list)' FROM pg_publication_rel pr "
                    + "JOIN pg_publication p ON p.oid = pr.prpubid WHERE pr.prrelid = ? AND pr.prattrs IS NOT NULL", rs -> rs.getString(1), tableOid));
        }
        out.addAll(list("SELECT CASE WHEN c.relkind = 'p' THEN 'partitioned table (its partitions share the column)' "
                + "WHEN c.relispartition THEN 'the table is a partition of ' || (SELECT h.inhparent::regclass::text FROM pg_inherits h "
                + "WHERE h.inhrelid = c.oid LIMIT 1) ELSE 'inheritance children' END FROM pg_class c WHERE c.oid = ? "
                + "AND (c.relkind = 'p' OR c.relispartition OR EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhparent = c.oid))",
                rs -> rs.getString(1), tableOid));
        return out;
    }

    /** The plain (column-only) indexes with {@code attnum} among their columns, not the helpers already built, not the primary key's. */
    List<IndexInfo> indexes(long tableOid, int attnum) throws SQLException {
        return indexes(tableOid, attnum, false);
    }

    /** The primary key's index when {@code attnum} is one of its columns. */
    Optional<IndexInfo> primaryKeyIndex(long tableOid, int attnum) throws SQLException {
        List<IndexInfo> found = indexes(tableOid, attnum, true);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<IndexInfo> indexes(long tableOid, int attnum, boolean primary) throws SQLException {
        List<long[]> ids = list("SELECT i.indexrelid, i.indnkeyatts FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                + "WHERE i.indrelid = ? AND ? = ANY (i.indkey::int2[]) AND i.indexprs IS NULL AND i.indpred IS NULL AND i.indisprimary = ? "
                + "AND coalesce(obj_description(c.oid, 'pg_class'), '') NOT LIKE 'zdm:final-name %' ORDER BY c.relname",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)}, tableOid, attnum, primary);
        List<IndexInfo> out = new ArrayList<>();
        for (long[] id : ids) {
            List<Object[]> cols = list("SELECT a.attname, k.ord, coalesce(i.indoption[k.ord - 1], 0) FROM pg_index i "
                    + "CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord) "
                    + "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum WHERE i.indexrelid = ? ORDER BY k.ord",
                    rs -> new Object[] {rs.getString(1), rs.getInt(2), rs.getInt(3)}, id[0]);
            List<String> keys = new ArrayList<>();
            List<Integer> options = new ArrayList<>();
            List<String> include = new ArrayList<>();
            for (Object[] col : cols) {
                if ((int) col[1] <= id[1]) {
                    keys.add((String) col[0]);
                    options.add((int) col[2]);
                } else {
                    include.add((String) col[0]);
                }
            }
            out.addAll(list("SELECT c.relname, i.indisunique, EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid "
                    + "AND k.conrelid = i.indrelid AND k.contype = 'u'), am.amname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                    + "JOIN pg_am am ON am.oid = c.relam WHERE i.indexrelid = ?",
                    rs -> new IndexInfo(id[0], rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getString(4), keys, options, include), id[0]));
        }
        return out;
    }

    /** The indexes of the table marked with their final name. */
    List<Tagged> tagged(long tableOid) throws SQLException {
        return list("SELECT c.relname, substr(obj_description(c.oid, 'pg_class'), " + (FINAL_NAME.length() + 1) + "), "
                + "EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid AND k.conrelid = i.indrelid) "
                + "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = ? "
                + "AND obj_description(c.oid, 'pg_class') LIKE 'zdm:final-name %' ORDER BY c.relname",
                rs -> new Tagged(rs.getString(1), rs.getString(2), rs.getBoolean(3), true), tableOid);
    }

    /** The CHECKs and foreign keys of the table marked with their final name. */
    List<Tagged> taggedConstraints(long tableOid) throws SQLException {
        return list("SELECT conname, substr(obj_description(oid, 'pg_constraint'), " + (FINAL_NAME.length() + 1) + ") FROM pg_constraint "
                + "WHERE conrelid = ? AND contype IN ('c', 'f') AND obj_description(oid, 'pg_constraint') LIKE 'zdm:final-name %' ORDER BY conname",
                rs -> new Tagged(rs.getString(1), rs.getString(2), true, false), tableOid);
    }

    /** The CHECKs and foreign keys of the table that use {@code attnum}, with the names of their constrained columns. */
    List<ConstraintInfo> constraints(long tableOid, int attnum) throws SQLException {
        return list("SELECT c.conname, c.contype, pg_get_constraintdef(c.oid), "
                + "(SELECT array_agg(a.attname ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord) "
                + "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum), c.confrelid "
                + "FROM pg_constraint c WHERE c.conrelid = ? AND c.contype IN ('c', 'f') AND ? = ANY (c.conkey) "
                + "AND coalesce(obj_description(c.oid, 'pg_constraint'), '') NOT LIKE 'zdm:final-name %' ORDER BY c.conname",
                rs -> new ConstraintInfo(rs.getString(1), rs.getString(2).charAt(0), rs.getString(3),
                        List.of((String[]) rs.getArray(4).getArray()), rs.getLong(5)), tableOid, attnum);
    }

    /**
     * A foreign key of some table (the copied one included) whose referenced columns include the copied column:
     * {@code definition} as pg_get_constraintdef writes it, {@code columns} its own columns, {@code referenced} the
     * referenced ones, {@code comment} the constraint's comment or null.
     */
    record ReferencingKey(long tableOid, String schema, String table, char tableKind, String name, String definition, List<String> columns,
                          List<String> referenced, boolean validated, String comment) {
        QualifiedName qualified() {
            return new QualifiedName(schema, table);
        }
    }

    /** The foreign keys referencing column {@code attnum} of the table, by table and name (not the clones on partitions). */
    List<ReferencingKey> referencingKeys(long tableOid, int attnum) throws SQLException {
        return list("SELECT c.conrelid, n.nspname, t.relname, t.relkind, c.conname, pg_get_constraintdef(c.oid), "
                + "(SELECT array_agg(a.attname ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord) "
                + "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum), "
                + "(SELECT array_agg(a.attname ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord) "
                + "JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum), c.convalidated, obj_description(c.oid, 'pg_constraint') "
                + "FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
                + "WHERE c.contype = 'f' AND c.confrelid = ? AND ? = ANY (c.confkey) AND c.conparentid = 0 ORDER BY n.nspname, t.relname, c.conname",
                rs -> new ReferencingKey(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4).charAt(0), rs.getString(5),
                        rs.getString(6), List.of((String[]) rs.getArray(7).getArray()), List.of((String[]) rs.getArray(8).getArray()),
                        rs.getBoolean(9), rs.getString(10)), tableOid, attnum);
    }

    /**
     * The sequence of an identity column and its state: {@code kind} is pg_attribute.attidentity (a always, d by default),
     * {@code sequence} its schema-qualified quoted name, {@code typeOid} the sequence's type.
     */
    record IdentitySequence(char kind, String sequence, long typeOid, long increment, long min, long max, long start, long cache, boolean cycle,
                            long lastValue, boolean called) {
    }

    /** The identity sequence of column {@code attnum}; read in the transaction that moves it (its state is then stable). */
    Optional<IdentitySequence> identitySequence(long tableOid, int attnum) throws SQLException {
        List<Object[]> head = list("SELECT a.attidentity, (SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = s.seqrelid), s.seqtypid, s.seqincrement, s.seqmin, s.seqmax, s.seqstart, "
                + "s.seqcache, s.seqcycle FROM pg_attribute a JOIN pg_depend d ON d.refobjid = a.attrelid AND d.refobjsubid = a.attnum "
                + "AND d.classid = 'pg_class'::regclass AND d.deptype = 'i' JOIN pg_sequence s ON s.seqrelid = d.objid "
                + "WHERE a.attrelid = ? AND a.attnum = ? AND a.attidentity <> ''",
                rs -> new Object[] {rs.getString(1).charAt(0), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                        rs.getLong(7), rs.getLong(8), rs.getBoolean(9)}, tableOid, attnum);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Object[] h = head.get(0);
        // the sequence's name comes from the catalog (regclass text, quoted as needed): it is read, not given
        List<Object[]> state = list("SELECT last_value, is_called FROM " + h[1], rs -> new Object[] {rs.getLong(1), rs.getBoolean(2)});
        return Optional.of(new IdentitySequence((char) h[0], (String) h[1], (long) h[2], (long) h[3], (long) h[4], (long) h[5], (long) h[6],
                (long) h[7], (boolean) h[8], (long) state.get(0)[0], (boolean) state.get(0)[1]));
    }

    /** The type of sequence {@code sequence} (regclass text), 0 when it is not a sequence. */
    long sequenceType(String sequence) throws SQLException {
        List<Long> found = list("SELECT seqtypid::bigint FROM pg_sequence WHERE seqrelid = to_regclass(?)", rs -> rs.getLong(1), sequence);
        return found.isEmpty() ? 0 : found.get(0);
    }

    /** The column's comment, or null. */
    String columnComment(long tableOid, int attnum) throws SQLException {
        return list("SELECT col_description(?::oid, ?)", rs -> rs.getString(1), tableOid, attnum).get(0);
    }

    boolean triggerExists(long tableOid, String name) throws SQLException {
        return !list("SELECT 1 FROM pg_trigger WHERE tgrelid = ? AND tgname = ?", rs -> 1, tableOid, name).isEmpty();
    }

    boolean functionExists(String schema, String name) throws SQLException {
        return !list("SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ? AND p.proname = ?",
                rs -> 1, schema, name).isEmpty();
    }

    /** Whether some row's copy differs from what the conversion gives ({@code differs} is SQL on the table's columns). */
    boolean anyRowDiffers(QualifiedName table, String differs) throws SQLException {
        return !list("SELECT 1 FROM " + table.quoted() + " WHERE " + differs + " LIMIT 1", rs -> 1).isEmpty();
    }

    String currentSchema() throws SQLException {
        return list("SELECT current_schema()", rs -> rs.getString(1)).get(0);
    }

    private boolean hasPublicationColumnLists() throws SQLException {
        return !list("SELECT 1 FROM pg_attribute WHERE attrelid = 'pg_publication_rel'::regclass AND attname = 'prattrs'", rs -> 1).isEmpty();
    }

    private <T> List<T> list(String sql, Catalog.Row<T> row, Object... params) throws SQLException {
        return Catalog.list(connection, sql, row, params);
    }
}
