package dev.zdm.flyway.internal.verify;

import dev.zdm.core.lock.SessionSetting;
import dev.zdm.core.report.Location;
import dev.zdm.core.sql.Identifiers;
import dev.zdm.flyway.internal.verify.VerifyReport.Problem;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ZDV05: every {@code -- zdm:verify <query>} of an applied migration returns true. Each query runs in its own
 * read-only transaction with the lock and statement timeouts and {@code search_path} set to Flyway's default schema
 * (the first managed schema), as the migration ran; false, NULL, no row or an error fails the check.
 */
final class VerifyQueryCheck implements IntegrityCheck {
    @Override
    public String id() {
        return "ZDV05";
    }

    @Override
    public String name() {
        return "verify-query";
    }

    @Override
    public String summary() {
        return "Every -- zdm:verify query of an applied migration returns true";
    }

    @Override
    public String why() {
        return "Only the migration's author knows what its data must look like afterwards: every order has a customer, "
                + "no email is NULL any more, the new total equals the old one. A -- zdm:verify <query> in the migration "
                + "states it as a query returning true, and zdm:verify checks it on the real database after the run.";
    }

    @Override
    public String fix() {
        return "Fix the data the query finds (or the migration that should have), or correct the query. It runs read-only "
                + "with a statement timeout: it must be a SELECT returning one row whose first column is true.";
    }

    @Override
    public CheckOutcome run(VerifyContext context) throws SQLException {
        List<Problem> problems = new ArrayList<>();
        for (VerifyQuery q : context.queries()) {
            if (q.query().isBlank()) {
                problems.add(new Problem(Location.line(q.file(), q.line()), "-- zdm:verify has no query.", "write the query after it: "
                        + dev.zdm.core.sql.Directives.VERIFY.example()));
                continue;
            }
            try {
                String result = ReadOnlyTransaction.run(context.connection(), context.statementTimeout(),
                        c -> result(c, context.schemas().get(0), q.query()));
                if (result != null) {
                    problems.add(new Problem(Location.line(q.file(), q.line()), "-- zdm:verify " + q.query() + " returned " + result + ", not true.",
                            "fix the data the query finds, or the query"));
                }
            } catch (SQLException e) {
                problems.add(new Problem(Location.line(q.file(), q.line()), "-- zdm:verify " + q.query() + " failed (SQL state " + e.getSQLState() + ": "
                        + e.getMessage() + ").", "correct the query: a read-only SELECT returning one row whose first column is true, "
                        + "finishing within the statement timeout"));
            }
        }
        if (context.queries().isEmpty()) {
            return CheckOutcome.passed("no -- zdm:verify query in the applied migrations");
        }
        long files = context.queries().stream().map(VerifyQuery::file).distinct().count();
        return new CheckOutcome(Counted.of(context.queries().size(), "query", "queries") + " from " + Counted.of(files, "migration", "migrations") + ", "
                + (context.queries().size() - problems.size()) + " true", problems);
    }

    /** Null when the query returned true, else what it returned instead. */
    private static String result(java.sql.Connection connection, String defaultSchema, String query) throws SQLException {
        // Unqualified names resolve as they did in the migration: Flyway runs it with search_path = its default schema.
        SessionSetting.setLocal(connection, Map.of("search_path", Identifiers.quote(defaultSchema)));
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
            if (!rs.next()) {
                return "no row";
            }
            Object value = rs.getObject(1);
            if (Boolean.TRUE.equals(value)) {
                return null;
            }
            return value == null ? "NULL" : String.valueOf(value);
        }
    }
}
