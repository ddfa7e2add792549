package dev.zdm.flyway.internal.adapter;

import java.lang.reflect.Field;
import org.flywaydb.database.postgresql.PostgreSQLCopyParsedStatement;

/**
 * The rows a {@code COPY ... FROM STDIN} statement of a migration carries. Flyway keeps them in a private field of
 * {@link PostgreSQLCopyParsedStatement} (13.12: {@code copyData}); they are part of the statement's identity for the
 * resume bookkeeping, so that an edited row counts as an edit. Pinned by {@code FlywayInternalsContractTest}.
 */
public final class CopyData {
    private static final Field FIELD = field();

    private CopyData() {
    }

    /** The rows as Flyway read them; empty when this Flyway version keeps them elsewhere (identity is then the SQL alone). */
    static String of(PostgreSQLCopyParsedStatement statement) {
        if (FIELD == null) {
            return "";
        }
        try {
            Object value = FIELD.get(statement);
            return value instanceof String s ? s : "";
        } catch (IllegalAccessException e) {
            return "";
        }
    }

    /** Whether this Flyway version keeps the rows where {@link #of} reads them (for the contract test). */
    public static boolean readable() {
        return FIELD != null;
    }

    private static Field field() {
        try {
            Field f = PostgreSQLCopyParsedStatement.class.getDeclaredField("copyData");
            f.setAccessible(true);
            return f.getType() == String.class ? f : null;
        } catch (NoSuchFieldException | RuntimeException e) {
            return null;
        }
    }
}
