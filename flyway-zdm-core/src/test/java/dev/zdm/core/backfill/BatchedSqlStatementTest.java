package dev.zdm.core.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.core.sql.SqlScript;
import dev.zdm.core.sql.SqlStatement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing the SQL form: a {@code -- zdm:batched} directive in front of an UPDATE or DELETE. */
class BatchedSqlStatementTest {

    @Test
    void readsTheDirectiveAndTheUpdate() {
        BatchedSqlStatement s = BatchedSqlStatement.parse("-- zdm:batched key=id size=5000",
                "UPDATE users SET email_verified = false WHERE email_verified IS NULL;");
        Backfill b = s.backfill();
        assertThat(b.operation()).isEqualTo(Backfill.Operation.UPDATE);
        assertThat(b.table()).isEqualTo("users");
        assertThat(b.schema()).isEmpty();
        assertThat(b.setClause()).contains("email_verified = false");
        assertThat(b.whereClause()).contains("email_verified IS NULL");
        assertThat(b.key()).containsExactly("id");
        assertThat(b.fixedBatchSize()).contains(5000);
    }

    @Test
    void readsEveryOption() {
        Backfill b = BatchedSqlStatement.parse("/* zdm:batched pause=50ms MAXROWSPERSECOND=1000 targetBatch=300ms maxReplicationLag=0 "
                + "lockTimeout=1s statementTimeout=2m maxRetries=3 verify=false */", "UPDATE t SET a = 1 WHERE a IS NULL").backfill();
        assertThat(b.pause()).contains(Duration.ofMillis(50));
        assertThat(b.maxRowsPerSecond()).contains(1000L);
        assertThat(b.targetBatchDurationOverride()).contains(Duration.ofMillis(300));
        assertThat(b.maxReplicationLag()).contains(Duration.ZERO);
        assertThat(b.lockTimeout()).contains(Duration.ofSeconds(1));
        assertThat(b.statementTimeout()).contains(Duration.ofMinutes(2));
        assertThat(b.maxRetries()).contains(3);
        assertThat(b.verifies()).isFalse();
        assertThat(b.fixedBatchSize()).isEmpty();
    }

    @Test
    void foldsUnquotedNamesAndKeepsQuotedOnes() {
        Backfill b = BatchedSqlStatement.parse("-- zdm:batched key=\"Tenant Id\",Seq",
                "UPDATE \"Sales\".\"Order Items\" AS oi SET \"Total\" = 0 WHERE oi.\"Total\" IS NULL").backfill();
        assertThat(b.schema()).contains("Sales");
        assertThat(b.table()).isEqualTo("Order Items");
        assertThat(b.alias()).contains("oi");
        assertThat(b.key()).containsExactly("Tenant Id", "seq");

        Backfill upper = BatchedSqlStatement.parse("-- zdm:batched", "update Public.Users u set x = 1").backfill();
        assertThat(upper.schema()).contains("public");
        assertThat(upper.table()).isEqualTo("users");
        assertThat(upper.alias()).contains("u");
    }

    @Test
    void findsTheClausesOnlyAtTheTopLevel() {
        String sql = """
                -- backfill the display names
                UPDATE orders o
                   SET display = CASE WHEN o.a IS DISTINCT FROM o.b THEN 'x; WHERE' ELSE $q$ FROM $q$ END,
                       total = (SELECT sum(amount) FROM lines l WHERE l.order_id = o.id),
                       year = extract(year FROM o.created_at) -- FROM in a comment
                  FROM customers c /* WHERE in a comment */
                 WHERE c.id = o.customer_id AND o.display IS NULL;
                """;
        Backfill b = BatchedSqlStatement.parse("-- zdm:batched", sql).backfill();
        assertThat(b.alias()).contains("o");
        assertThat(b.setClause().orElseThrow()).startsWith("display = CASE WHEN o.a IS DISTINCT FROM o.b THEN 'x; WHERE'")
                .contains("(SELECT sum(amount) FROM lines l WHERE l.order_id = o.id)")
                .endsWith("extract(year FROM o.created_at)");
        assertThat(b.fromClause()).contains("customers c");
        assertThat(b.whereClause()).contains("c.id = o.customer_id AND o.display IS NULL");
    }

    @Test
    void readsADeleteWithUsing() {
        Backfill b = BatchedSqlStatement.parse("-- zdm:batched size=1000 verify=false",
                "DELETE FROM audit.events e USING tenants t WHERE t.id = e.tenant_id AND t.closed").backfill();
        assertThat(b.operation()).isEqualTo(Backfill.Operation.DELETE);
        assertThat(b.schema()).contains("audit");
        assertThat(b.table()).isEqualTo("events");
        assertThat(b.alias()).contains("e");
        assertThat(b.fromClause()).contains("tenants t");
        assertThat(b.whereClause()).contains("t.id = e.tenant_id AND t.closed");
    }

    @Test
    void findsTheDirectiveAmongTheLeadingComments() {
        String sql = "-- step 2 of the email rollout\n/* zdm:batched key=id */\nUPDATE users SET v = 1 WHERE v IS NULL";
        assertThat(BatchedSqlStatement.isBatched(sql)).isTrue();
        assertThat(BatchedSqlStatement.parse(sql).backfill().key()).containsExactly("id");
        assertThat(BatchedSqlStatement.isBatched("UPDATE users SET v = 1 -- zdm:batched")).isFalse();
        assertThat(BatchedSqlStatement.isBatched("-- zdm:batchedx\nUPDATE t SET a = 1")).isFalse();
        assertThat(BatchedSqlStatement.isDirective("--zdm:batched")).isTrue();
        assertThat(BatchedSqlStatement.backfillId("V7__backfill.sql", "3f2a9c01d4e5b6a7")).isEqualTo("V7__backfill.sql#3f2a9c01d4e5b6a7");
    }

    @Test
    void readsTheDirectiveAsTheLinterDoes() {
        assertThat(BatchedSqlStatement.isBatched("-- ZDM:Batched size=10\nUPDATE t SET a = 1")).isTrue();
        assertThat(BatchedSqlStatement.isBatched("-- zdm:batched,size=10\nUPDATE t SET a = 1")).isFalse();
        assertThat(BatchedSqlStatement.isBatched("/* zdm:batched size=10\nUPDATE t SET a = 1")).isFalse();
        assertThat(BatchedSqlStatement.isBatched("/* zdm:batched size=10 */ UPDATE t SET a = 'never closed")).isTrue();
        for (String statement : List.of("-- zdm:batched key=id\nUPDATE t SET a = 1", "/* ZDM:BATCHED */ DELETE FROM t")) {
            SqlStatement linted = SqlScript.parse("V1__b.sql", statement).statements().get(0);
            assertThat(linted.directive("batched")).as(statement).isPresent();
            assertThat(BatchedSqlStatement.isBatched(statement)).as(statement).isTrue();
        }
    }

    @Test
    void readsNamesWithTheProjectsIdentifierRules() {
        Backfill b = BatchedSqlStatement.parse("-- zdm:batched key=\"Id\"", "UPDATE Äpfel /* the table */ AS \"A\" SET x = 1").backfill();
        assertThat(b.table()).isEqualTo("Äpfel");
        assertThat(b.alias()).contains("A");
        assertThat(b.key()).containsExactly("Id");
        assertThatThrownBy(() -> BatchedSqlStatement.parse("-- zdm:batched", "UPDATE \"\" SET a = 1"))
                .hasMessageContaining("zero-length delimited identifier");
        assertThatThrownBy(() -> BatchedSqlStatement.parse("-- zdm:batched", "UPDATE t SET a = (1"))
                .hasMessageContaining("cannot read it: unbalanced parentheses");
    }

    @Test
    void namesABadOption() {
        assertThatThrownBy(() -> BatchedSqlStatement.parse("-- zdm:batched sise=10", "UPDATE t SET a = 1"))
                .isInstanceOf(BackfillException.class)
                .hasMessageContaining("unknown option 'sise' (did you mean size?)")
                .hasMessageContaining("Valid options: key, size, targetBatch");
        assertThatThrownBy(() -> BatchedSqlStatement.parse("-- zdm:batched size=ten", "UPDATE t SET a = 1"))
                .hasMessageContaining("bad value for size: 'ten': expected a whole number");
        assertThatThrownBy(() -> BatchedSqlStatement.parse("-- zdm:batched pause=soon", "UPDATE t SET a = 1"))
                .hasMessageContaining("bad value for pause: 'soon': expected a duration such as 500ms");
        assertThatThrownBy(() -> BatchedSqlStatement.parse("-- zdm:batched size=1 size=2", "UPDATE t SET a = 1"))
                .hasMessageContaining("option size is given twice");
        assertThatThrownBy(() -> BatchedSqlStatement.parse("-- zdm:batched fast", "UPDATE t SET a = 1"))
                .hasMessageContaining("'fast' is not an option=value pair");
        assertThatThrownBy(() -> BatchedSqlStatement.parse("-- zdm:batched key=a,,b", "UPDATE t SET a = 1"))
                .hasMessageContaining("bad value for key: 'a,,b': expected column names separated by commas");
        assertThatThrownBy(() -> BatchedSqlStatement.parse("-- zdm:batched size=0", "UPDATE t SET a = 1"))
                .hasMessageContaining("must be at least 1");
        assertThatThrownBy(() -> BatchedSqlStatement.parse("-- batched", "UPDATE t SET a = 1"))
                .hasMessageContaining("Not a zdm:batched directive");
    }

    @Test
    void refusesStatementsItCannotBatch() {
        assertThatThrownBy(() -> BatchedSqlStatement.parse("-- zdm:batched", "INSERT INTO t SELECT 1"))
                .hasMessageContaining("must be an UPDATE or a DELETE, not INSERT");
        assertThatThrownBy(() -> BatchedSqlStatement.parse("-- zdm:batched", "WITH x AS (SELECT 1) UPDATE t SET a = 1"))
                .hasMessageContaining("WITH (common table expressions) is not supported");
        assertThatThrownBy(() -> BatchedSqlStatement.parse("-- zdm:batched", "UPDATE t SET a = 1 RETURNING id"))
                .hasMessageContaining("RETURNING is not supported");
        assertThatThrownBy(() -> BatchedSqlStatement.parse("-- zdm:batched", "UPDATE ONLY t SET a = 1"))
                .hasMessageContaining("ONLY is not supported");
        assertThatThrownBy(() -> BatchedSqlStatement.parse("-- zdm:batched", "UPDATE t SET a = 1; UPDATE t SET b = 2;"))
                .hasMessageContaining("more than one statement");
        assertThatThrownBy(() -> BatchedSqlStatement.parse("-- zdm:batched", "UPDATE t SET a = 1 WHERE CURRENT OF c"))
                .hasMessageContaining("WHERE CURRENT OF");
        assertThatThrownBy(() -> BatchedSqlStatement.parse("-- zdm:batched", "UPDATE t a = 1"))
                .hasMessageContaining("expected SET after UPDATE t");
        assertThatThrownBy(() -> BatchedSqlStatement.parse("-- zdm:batched", "DELETE t WHERE x"))
                .hasMessageContaining("expected DELETE FROM");
        assertThatThrownBy(() -> BatchedSqlStatement.parse("-- zdm:batched", "UPDATE t SET a = 'oops"))
                .hasMessageContaining("unterminated string constant");
        assertThatThrownBy(() -> BatchedSqlStatement.parse("UPDATE t SET a = 1"))
                .hasMessageContaining("No -- zdm:batched directive in front of: UPDATE t SET a = 1");
    }
}
