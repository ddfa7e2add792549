package dev.zdm.core.ddl;

import java.sql.SQLException;

/** {@code SET NOT NULL} without a scan under ACCESS EXCLUSIVE; the way depends on the server version. */
interface SetNotNull {

    void apply(DdlSession s) throws SQLException;

    /** PostgreSQL 18+: the native {@code NOT NULL ... NOT VALID} constraint; 12-17: through a validated CHECK. */
    static SetNotNull forServer(DdlSession s, QualifiedName table, String column) throws SQLException {
        s.requireServer(120000, "SET NOT NULL without a table scan");
        return s.serverVersion() >= 180000 ? new SetNotNullNotValidThenValidate(table, column) : new SetNotNullViaValidatedCheck(table, column);
    }

    static Catalog.Column requireColumn(DdlSession s, Catalog.Table t, String column) throws SQLException {
        return s.catalog.column(t.oid(), column).orElseThrow(() -> new DdlException("column " + column + " of " + t.qualified()
                + " does not exist (names are case-sensitive)"));
    }
}
