package dev.zdm.core.ddl;

import dev.zdm.core.sql.LockLevel;
import java.util.List;

/**
 * A foreign key without a long lock: {@code ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID} (SHARE ROW EXCLUSIVE on
 * both tables for an instant, short lock_timeout with retries), then {@code VALIDATE CONSTRAINT} in its own
 * transaction (SHARE UPDATE EXCLUSIVE on the referencing table, ROW SHARE on the referenced one: writes go on).
 * Both are expand steps; the first is undone by dropping the constraint. Idempotent: an existing constraint of that
 * name is validated if needed, else left alone.
 */
final class AddForeignKeyNotValidThenValidate {
    private AddForeignKeyNotValidThenValidate() {
    }

    static Operation operation(ForeignKeyDefinition fk) {
        List<QualifiedName> tables = fk.referencedTable() == null ? List.of(fk.table()) : List.of(fk.table(), fk.referencedTable());
        return new Operation("add " + fk, s -> {
            if (fk.referencedTable() == null) {
                throw new DdlException(fk + ": no referenced table; call references(table, columns...)");
            }
            s.catalog.requireTable(fk.table());
            s.catalog.requireTable(fk.referencedTable());
            return false;
        }, NotValidThenValidate.steps(tables, fk.constraintName(), 'f',
                (style, resolved) -> fk.addNotValidSql(style, resolved.get(0), resolved.get(resolved.size() - 1)),
                LockLevel.SHARE_ROW_EXCLUSIVE, "23503",
                (s, t) -> "find the rows of " + t.qualified() + " whose (" + fk.columnsText() + ") has no match in "
                        + s.catalog.requireTable(fk.referencedTable()).qualified() + " and delete them, fix them or set them to NULL"));
    }
}
