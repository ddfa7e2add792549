package dev.zdm.core.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.SqlScript;
import dev.zdm.core.sql.StatementDetail;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The batched-statement reader and the analyzer read the same UPDATE/DELETE alike: same table, same WHERE condition.
 * The reader is the strict one (it refuses what it cannot batch), the analyzer the one the linter uses; a statement
 * both accept must mean the same to both.
 */
class BatchedStatementReaderTest {

    private static final List<String> STATEMENTS = List.of(
            "UPDATE users SET email_verified = false WHERE email_verified IS NULL",
            "UPDATE \"Sales\".\"Order Items\" AS oi SET \"Total\" = 0 WHERE oi.\"Total\" IS NULL",
            "update Public.Users u set x = 1",
            "UPDATE orders o SET total = (SELECT sum(amount) FROM lines l WHERE l.order_id = o.id) FROM customers c "
                    + "WHERE c.id = o.customer_id AND o.display IS NULL",
            "DELETE FROM audit.events e USING tenants t WHERE t.id = e.tenant_id AND t.closed",
            "UPDATE t SET a = 1 WHERE b IS DISTINCT FROM (SELECT 1) /* note */ AND c IN (1, 2);",
            "DELETE FROM t WHERE created < now() - interval '1 day' -- trailing\n");

    @Test
    void agreesWithTheAnalyzerOnTheTableAndTheCondition() {
        for (String sql : STATEMENTS) {
            Backfill read = BatchedStatementReader.parse(sql);
            StatementDetail.DataChange analyzed = SqlScript.parse("V1__b.sql", sql).statements().get(0).model()
                    .detail(StatementDetail.DataChange.class).orElseThrow();

            assertThat(analyzed.table()).as(sql).isEqualTo(new RelationName(read.schema().orElse(null), read.table()));
            assertThat(analyzed.where()).as(sql).isEqualTo(read.whereClause().orElse(null));
        }
    }
}
