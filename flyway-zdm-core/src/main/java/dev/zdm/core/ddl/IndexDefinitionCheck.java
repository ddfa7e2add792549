package dev.zdm.core.ddl;

import dev.zdm.core.lock.SessionSetting;
import dev.zdm.core.lock.SqlStates;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether an existing index is the one a statement asks for. PostgreSQL prints an index's definition in one canonical
 * form ({@code pg_get_indexdef}); to get the statement's definition in the same form it is built on an empty copy of
 * the table's columns ({@code CREATE TEMP TABLE ... (LIKE table)}) in a transaction that is rolled back. That takes
 * ACCESS SHARE on the table for a moment (it blocks nothing but ACCESS EXCLUSIVE) and leaves nothing behind.
 *
 * <p>This is what makes a concurrent index statement safe to run again after a crash that the bookkeeping could not
 * see (the build committed, the record did not): the same index counts as done, a different one is an error.
 */
final class IndexDefinitionCheck {
    private static final String PROBE_TABLE = "zdm_index_probe";
    private static final String PROBE_INDEX = "zdm_index_probe_idx";
    /** The copy waits this long at most for its ACCESS SHARE on the table (only ACCESS EXCLUSIVE is in its way). */
    private static final Duration PROBE_LOCK_TIMEOUT = Duration.ofSeconds(5);

    /** Both definitions in PostgreSQL's canonical form, from {@code USING} on, with uniqueness. */
    record Comparison(String existing, String wanted) {
        boolean same() {
            return existing.equals(wanted);
        }
    }

    private IndexDefinitionCheck() {
    }

    /**
     * A valid index of the statement's name exists. With the same definition it counts as done, with or without
     * {@code IF NOT EXISTS}: a build whose statement was not recorded as applied (a crash right after it committed, or
     * a client killed while its backend finished the build) must not wedge every later run with "already exists".
     * With another definition it is an error naming both; under {@code IF NOT EXISTS} it is kept, as PostgreSQL does,
     * with a warning.
     */
    static void requireSameOrKept(DdlSession s, Catalog.Table table, Catalog.Index existing, IndexSpec spec, String label)
            throws SQLException {
        Optional<Comparison> comparison = compare(s, table, existing, spec);
        if (comparison.isPresent() && comparison.get().same()) {
            s.reporter.info(label + ": already exists, is valid and has the same definition; counts as done");
            return;
        }
        String definitions = comparison.map(c -> "\n  existing:  " + c.existing() + "\n  statement: " + c.wanted())
                .orElse(" (the statement's definition could not be compared with it)");
        if (spec.ifNotExists()) {
            if (spec.unique() && !existing.unique()) {
                throw new DdlException(label + ": an index of that name exists but is not unique; drop it or choose another name.");
            }
            s.reporter.warn(label + ": already exists and is valid; kept as IF NOT EXISTS asks, although it differs from the statement:"
                    + definitions);
            return;
        }
        throw new DdlException(label + ": an index of that name already exists with another definition:" + definitions
                + "\nWhat to do: if the existing index is the one you want, remove this statement or write IF NOT EXISTS; otherwise "
                + "drop it first (DROP INDEX CONCURRENTLY " + existing.qualified().quoted() + ") or choose another name.");
    }

    /** The comparison, or empty when the statement's definition could not be built on the copy (then nobody can tell). */
    static Optional<Comparison> compare(DdlSession s, Catalog.Table table, Catalog.Index existing, IndexSpec spec) throws SQLException {
        String existingDefinition = canonical(indexDef(s, existing.oid()));
        Optional<String> wanted = probe(s, table, spec);
        return wanted.map(w -> new Comparison(existingDefinition, w));
    }

    private static Optional<String> probe(DdlSession s, Catalog.Table table, IndexSpec spec) throws SQLException {
        if (!s.connection.getAutoCommit()) {
            return Optional.empty(); // never roll back a caller's transaction; concurrent builds run in autocommit anyway
        }
        s.connection.setAutoCommit(false);
        try (Statement st = s.connection.createStatement()) {
            SessionSetting.setLocal(s.connection, "lock_timeout", PROBE_LOCK_TIMEOUT);
            st.execute("CREATE TEMP TABLE " + PROBE_TABLE + " (LIKE " + table.qualified().quoted() + ") ON COMMIT DROP");
            st.execute("CREATE " + (spec.unique() ? "UNIQUE " : "") + "INDEX " + PROBE_INDEX + " ON pg_temp." + PROBE_TABLE + " "
                    + spec.definition());
            try (ResultSet rs = st.executeQuery("SELECT pg_get_indexdef('pg_temp." + PROBE_INDEX + "'::regclass)")) {
                rs.next();
                return Optional.of(canonical(rs.getString(1)));
            }
        } catch (SQLException e) {
            s.reporter.warn("could not compare the definition of the existing index with the statement's (" + SqlStates.describe(e) + ")");
            return Optional.empty();
        } finally {
            s.connection.rollback();
            s.connection.setAutoCommit(true);
        }
    }

    private static String indexDef(DdlSession s, long oid) throws SQLException {
        try (PreparedStatement ps = s.connection.prepareStatement("SELECT pg_get_indexdef(?::oid)")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /**
     * {@code CREATE UNIQUE INDEX name ON ONLY schema.table USING btree (a) WHERE ...} becomes
     * {@code UNIQUE USING btree (a) WHERE ...}: the parts that name the index and its table are left out.
     */
    static String canonical(String indexDef) {
        int using = indexDef.indexOf(" USING ");
        String rest = using < 0 ? indexDef : indexDef.substring(using + 1);
        return (indexDef.startsWith("CREATE UNIQUE ") ? "UNIQUE " : "") + rest;
    }
}
