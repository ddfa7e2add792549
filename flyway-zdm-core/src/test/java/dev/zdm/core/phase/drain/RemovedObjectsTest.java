package dev.zdm.core.phase.drain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.core.phase.drain.RemovedObject.Change;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.SqlScript;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemovedObjectsTest {

    private static List<RemovedObject> of(String sql) {
        return RemovedObjects.of(SqlScript.parse("V7__contract.sql", sql));
    }

    @Test
    void readsEveryActionOfAnAlterWithSeveral() {
        List<RemovedObject> removed = of("""
                -- zdm:phase=contract

                ALTER TABLE sales.orders
                    DROP COLUMN legacy_code,
                    ALTER COLUMN amount SET DATA TYPE numeric(12, 2) USING amount::numeric,
                    ADD COLUMN note text,
                    ALTER COLUMN status SET NOT NULL,
                    DROP CONSTRAINT orders_legacy_check;
                """);

        RelationName orders = new RelationName("sales", "orders");
        assertThat(removed).containsExactly(
                new RemovedObject(orders, "legacy_code", Change.DROPPED),
                new RemovedObject(orders, "amount", Change.RETYPED));
    }

    @Test
    void readsQuotedAndFoldedNamesAsPostgreSQLDoes() {
        List<RemovedObject> removed = of("""
                ALTER TABLE "Sales"."Order Items" DROP COLUMN IF EXISTS "Legacy""Code";
                ALTER TABLE Customers RENAME COLUMN FullName TO full_name;
                ALTER TABLE public."Users" RENAME "eMail" TO email;
                """);

        assertThat(removed).containsExactly(
                new RemovedObject(new RelationName("Sales", "Order Items"), "Legacy\"Code", Change.DROPPED),
                new RemovedObject(RelationName.of("customers"), "fullname", Change.RENAMED),
                new RemovedObject(new RelationName("public", "Users"), "eMail", Change.RENAMED));
        assertThat(removed.get(0).display()).isEqualTo("\"Sales\".\"Order Items\".\"Legacy\"\"Code\"");
        assertThat(removed.get(1).describe()).isEqualTo("customers.fullname (renamed)");
    }

    @Test
    void readsDroppedAndRenamedTablesAndViewsWithTheirOldNames() {
        List<RemovedObject> removed = of("""
                DROP TABLE IF EXISTS audit_log, public.audit_archive CASCADE;
                DROP VIEW active_users;
                DROP MATERIALIZED VIEW IF EXISTS reports.daily_totals;
                ALTER TABLE IF EXISTS customer RENAME TO customers;
                DROP INDEX CONCURRENTLY users_name_idx;
                """);

        assertThat(removed).containsExactly(
                new RemovedObject(RelationName.of("audit_log"), null, Change.DROPPED),
                new RemovedObject(new RelationName("public", "audit_archive"), null, Change.DROPPED),
                new RemovedObject(RelationName.of("active_users"), null, Change.DROPPED),
                new RemovedObject(new RelationName("reports", "daily_totals"), null, Change.DROPPED),
                new RemovedObject(RelationName.of("customer"), null, Change.RENAMED));
        assertThat(removed.get(4).describe()).isEqualTo("customer (renamed)");
    }

    @Test
    void addsNothingForStatementsThatRemoveNothingAndListsEachObjectOnce() {
        assertThat(of("""
                ALTER TABLE users ALTER COLUMN email SET NOT NULL;
                ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;
                UPDATE users SET name = 'x' WHERE name IS NULL;
                CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
                """)).isEmpty();
        assertThat(of("ALTER TABLE users DROP COLUMN name;\nALTER TABLE users DROP COLUMN IF EXISTS name;\n"))
                .containsExactly(new RemovedObject(RelationName.of("users"), "name"));
    }
}
