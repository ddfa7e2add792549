package dev.zdm.flyway.internal.verify;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;

/**
 * What the checks read.
 *
 * @param connection       one connection, in auto-commit; checks open their own read-only transactions on it
 * @param schemas          the schemas Flyway manages
 * @param stateSchema      where Flyway's history and flyway-zdm's bookkeeping tables live
 * @param queries          the {@code -- zdm:verify} queries of the applied migrations
 * @param statementTimeout the longest one query of a check may run (a bounded row count, a user query)
 * @param applied          the applied SQL migrations, in Flyway's order
 * @param options          thresholds of the checks that take them
 */
public record VerifyContext(Connection connection, List<String> schemas, String stateSchema, List<VerifyQuery> queries,
                            Duration statementTimeout, List<AppliedScript> applied, VerifyOptions options) {
    public VerifyContext {
        schemas = List.copyOf(schemas);
        queries = List.copyOf(queries);
        applied = List.copyOf(applied);
    }

    /** No applied migrations known and the default thresholds (for checks that need neither). */
    public VerifyContext(Connection connection, List<String> schemas, String stateSchema, List<VerifyQuery> queries,
                         Duration statementTimeout) {
        this(connection, schemas, stateSchema, queries, statementTimeout, List.of(), VerifyOptions.defaults());
    }
}
