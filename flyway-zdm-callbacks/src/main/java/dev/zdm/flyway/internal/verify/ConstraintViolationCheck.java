package dev.zdm.flyway.internal.verify;

import dev.zdm.core.report.Location;
import dev.zdm.core.sql.Identifiers;
import dev.zdm.flyway.internal.verify.NotValidConstraints.NotValid;
import dev.zdm.flyway.internal.verify.VerifyReport.Problem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * ZDV03: the rows already in a table hold its NOT VALID CHECK and NOT NULL constraints. For each one it counts the
 * breaking rows, at most {@link #LIMIT} + 1 ({@code SELECT count(*) FROM (SELECT 1 ... LIMIT n)}), each count in its
 * own read-only transaction with the lock and statement timeouts: it takes ACCESS SHARE on the table and gives up
 * rather than wait behind DDL.
 */
final class ConstraintViolationCheck implements IntegrityCheck {
    /** The rows counted per constraint: enough to size the fix, bounded so that a broken big table costs little. */
    static final int LIMIT = 1000;

    @Override
    public String id() {
        return "ZDV03";
    }

    @Override
    public String name() {
        return "constraint-violation";
    }

    @Override
    public String summary() {
        return "Existing rows hold every NOT VALID CHECK and NOT NULL constraint";
    }

    @Override
    public String why() {
        return "A constraint added NOT VALID only checks new writes. Rows written before it (a NULL left in a column about "
                + "to be made NOT NULL, a value a backfill missed) make its VALIDATE CONSTRAINT fail, often in the middle of "
                + "a deployment, and keep the data from meaning what the constraint says.";
    }

    @Override
    public String fix() {
        return "Update or delete the breaking rows (in batches, -- zdm:batched, for a big table), then validate the "
                + "constraint. The count stops at " + LIMIT + " rows; a table locked by DDL or too slow to scan within "
                + "the statement timeout is reported as not checked.";
    }

    @Override
    public CheckOutcome run(VerifyContext context) throws SQLException {
        List<NotValid> notValid = ReadOnlyTransaction.run(context.connection(), context.statementTimeout(),
                c -> NotValidConstraints.read(c, context.schemas()));
        List<Problem> problems = new ArrayList<>();
        int checked = 0;
        for (NotValid n : notValid) {
            if (!n.kind().equals("CHECK") && n.column() == null) {
                continue; // a foreign key: ZDV02 reports it
            }
            checked++;
            try {
                Breaking found = ReadOnlyTransaction.run(context.connection(), context.statementTimeout(), c -> breaking(c, n));
                if (found.rows() > 0) {
                    long count = found.rows();
                    problems.add(new Problem(Location.object("constraint", n.subject()), (count > LIMIT ? "more than " + Counted.of(LIMIT, "row", "rows")
                            : Counted.of(count, "row", "rows")) + (count == 1 ? " breaks " : " break ") + found.constraint()
                            + " (rows where " + found.condition() + "): " + n.validate() + " would fail.",
                            "fix the rows where " + found.condition() + " in " + n.tableDisplay() + ", then " + n.validate()));
                }
            } catch (SQLException e) {
                problems.add(new Problem(Location.object("constraint", n.subject()), "the rows could not be checked (SQL state " + e.getSQLState() + ": "
                        + e.getMessage() + ").", "run zdm:verify again when no DDL holds " + n.tableDisplay()
                        + ", or check it with a longer statement timeout"));
            }
        }
        String evidence = checked == 0 ? "no NOT VALID CHECK or NOT NULL constraint to check"
                : Counted.of(checked, "NOT VALID CHECK/NOT NULL constraint", "NOT VALID CHECK/NOT NULL constraints") + " checked, at most " + (LIMIT + 1) + " rows counted each";
        return new CheckOutcome(evidence, problems);
    }

    /** The rows breaking one constraint: the constraint as PostgreSQL prints it, the condition counted, the count. */
    private record Breaking(String constraint, String condition, long rows) {
    }

    /**
     * Counts the rows breaking {@code n}. A CHECK's expression is read here, not with the catalog: {@code pg_get_expr}
     * takes ACCESS SHARE on the table, which the count takes anyway, under the same lock_timeout.
     */
    private static Breaking breaking(Connection connection, NotValid n) throws SQLException {
        String constraint;
        String condition;
        if (n.column() != null) {
            constraint = "NOT NULL " + Identifiers.display(n.column());
            condition = Identifiers.quote(n.column()) + " IS NULL";
        } else {
            String expression = expression(connection, n.oid());
            constraint = "CHECK " + expression;
            condition = "NOT (" + expression + ")"; // a CHECK passes on NULL, as PostgreSQL's own does
        }
        String sql = "SELECT count(*) FROM (SELECT 1 FROM " + Identifiers.qualified(n.schema(), n.table()) + " WHERE "
                + condition + " LIMIT " + (LIMIT + 1) + ") breaking";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return new Breaking(constraint, condition, rs.getLong(1));
        }
    }

    private static String expression(Connection connection, long oid) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_get_expr(conbin, conrelid) FROM pg_constraint WHERE oid = (?)::oid")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    throw new SQLException("the constraint with oid " + oid + " was dropped while zdm:verify ran", "42704");
                }
                return rs.getString(1);
            }
        }
    }

}
