package dev.zdm.core.ddl;

import java.sql.SQLException;

/**
 * A foreign key without a long lock: {@code ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID} (SHARE ROW EXCLUSIVE on
 * both tables for an instant, short lock_timeout with retries), then {@code VALIDATE CONSTRAINT} in its own
 * transaction (SHARE UPDATE EXCLUSIVE on the referencing table, ROW SHARE on the referenced one: writes go on).
 * Idempotent: an existing constraint of that name is validated if needed, else left alone.
 */
final class AddForeignKeyNotValidThenValidate {
    private final ForeignKeyDefinition fk;

    AddForeignKeyNotValidThenValidate(ForeignKeyDefinition fk) {
        this.fk = fk;
    }

    void apply(DdlSession s) throws SQLException {
        if (fk.referencedTable() == null) {
            throw new DdlException(fk + ": no referenced table; call references(table, columns...)");
        }
        Catalog.Table table = s.catalog.requireTable(fk.table());
        Catalog.Table referenced = s.catalog.requireTable(fk.referencedTable());
        NotValidThenValidate.apply(s, table, fk.constraintName(), 'f', fk.addNotValidSql(table.qualified(), referenced.qualified()),
                new long[] {table.oid(), referenced.oid()}, "23503",
                "find the rows of " + table.qualified() + " whose (" + fk.columnsText() + ") has no match in " + referenced.qualified()
                        + " and delete them, fix them or set them to NULL");
    }
}
