package dev.zdm.core.ddl;

import java.util.List;

/**
 * The plans of the safe DDL operations without a connection: each step's statement with the names written as a user
 * writes them ({@link SqlStyle#DISPLAY}) and the locks it takes, built from the very steps the operation runs. Lint fix
 * recipes print them, so a fix and the operation always agree (same statements, same derived names). SQL fragments
 * (a CHECK expression) are taken as the migration wrote them.
 */
public final class OperationPlans {
    private OperationPlans() {
    }

    /** SET NOT NULL on a PostgreSQL major {@code pgMajor}: the CHECK path (12-17) or NOT NULL NOT VALID (18+). */
    public static List<StepDescription> setNotNull(int pgMajor, QualifiedName table, String column) {
        return Operations.forServer(pgMajor).setNotNull(table, column).plan(SqlStyle.DISPLAY);
    }

    /** ADD CHECK NOT VALID, then VALIDATE. */
    public static List<StepDescription> addCheck(QualifiedName table, String name, String expression) {
        return AddCheckNotValidThenValidate.operation(table, name, expression).plan(SqlStyle.DISPLAY);
    }

    /** The VALIDATE CONSTRAINT step every NOT VALID constraint operation ends its expand with. */
    public static StepDescription validateConstraint(QualifiedName table, String name) {
        return NotValidThenValidate.validateStep(table, name, "23514", (s, t) -> "").describe(SqlStyle.DISPLAY);
    }

    /** {@code DROP INDEX CONCURRENTLY IF EXISTS}: the drop operation, and how a concurrent build clears an INVALID leftover. */
    public static StepDescription dropIndex(QualifiedName index) {
        return DropIndexConcurrently.operation(index, true).plan(SqlStyle.DISPLAY).get(0);
    }

    /** A unique index built concurrently, then ADD CONSTRAINT ... UNIQUE | PRIMARY KEY USING INDEX (the last step). */
    public static List<StepDescription> addUnique(int pgMajor, QualifiedName table, String name, List<String> columns, boolean primaryKey) {
        return AddUniqueUsingConcurrentIndex.operation(Operations.forServer(pgMajor).serverVersionNum(), table, name, columns, primaryKey)
                .plan(SqlStyle.DISPLAY);
    }
}
