package dev.zdm.flyway.internal.verify;

import dev.zdm.core.sql.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The constraints added NOT VALID and never validated ({@code pg_constraint.convalidated = false}): CHECK, FOREIGN
 * KEY, and NOT NULL on PostgreSQL 18. Catalog columns only: {@code pg_get_expr} and {@code pg_get_constraintdef} lock
 * the table and would wait behind DDL, so a CHECK's expression is read by {@link ConstraintViolationCheck} in the
 * transaction that scans the table anyway; a NOT NULL's column comes from pg_attribute.
 */
final class NotValidConstraints {
    private static final String SQL = "SELECT n.nspname, t.relname, c.conname, c.contype::text, "
            + "c.oid, "
            + "CASE WHEN c.contype = 'n' THEN (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.conrelid "
            + "AND a.attnum = c.conkey[1]) END "
            + "FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
            + "WHERE NOT c.convalidated AND n.nspname = ANY (?) ORDER BY 1, 2, 3";

    /**
     * One NOT VALID constraint.
     *
     * @param kind       {@code CHECK}, {@code FOREIGN KEY}, {@code NOT NULL} (or the catalog's letter for another)
     * @param oid        the constraint's oid, to read a CHECK's expression
     * @param column     a NOT NULL's column, else null
     */
    record NotValid(String schema, String table, String name, String kind, long oid, String column) {
        /** {@code public.orders}. */
        String tableDisplay() {
            return Identifiers.display(schema, table);
        }

        /** {@code orders_qty_check on public.orders}. */
        String subject() {
            return Identifiers.display(name) + " on " + tableDisplay();
        }

        /** {@code ALTER TABLE public.orders VALIDATE CONSTRAINT orders_qty_check;} */
        String validate() {
            return "ALTER TABLE " + tableDisplay() + " VALIDATE CONSTRAINT " + Identifiers.display(name) + ";";
        }
    }

    private NotValidConstraints() {
    }

    static List<NotValid> read(Connection connection, List<String> schemas) throws SQLException {
        List<NotValid> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(SQL)) {
            ps.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new NotValid(rs.getString(1), rs.getString(2), rs.getString(3), kind(rs.getString(4)), rs.getLong(5),
                            rs.getString(6)));
                }
            }
        }
        return out;
    }

    private static String kind(String contype) {
        return switch (contype) {
            case "c" -> "CHECK";
            case "f" -> "FOREIGN KEY";
            case "n" -> "NOT NULL";
            default -> "constraint type " + contype;
        };
    }
}
