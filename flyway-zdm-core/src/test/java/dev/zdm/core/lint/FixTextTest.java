package dev.zdm.core.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The text of fixes that must be copy-paste ready: complete, with the user's real names, types and keys. */
class FixTextTest {

    private static Finding only(String ruleId, String... nameAndText) {
        List<MigrationSource> sources = new java.util.ArrayList<>();
        for (int i = 0; i < nameAndText.length; i += 2) {
            sources.add(MigrationSource.of(nameAndText[i], nameAndText[i + 1]));
        }
        LintResult result = new Linter(LintConfig.defaults().withPostgresVersion(15).withSince("2")).lint(sources);
        return result.findings().stream().filter(f -> f.ruleId().equals(ruleId)).findFirst().orElseThrow();
    }

    @Test
    void renameColumnPrintsTheColumnsRealType() {
        Finding f = only("ZDM120", "V1__users.sql", "CREATE TABLE users (id bigserial PRIMARY KEY, email varchar(200));",
                "V2__rename.sql", "ALTER TABLE users RENAME COLUMN email TO email_address;");
        assertThat(f.fix()).contains("ADD COLUMN email_address varchar(200);").doesNotContain("<type of");
    }

    @Test
    void renameOfASerialColumnCopiesItAsItsIntegerType() {
        Finding f = only("ZDM120", "V1__users.sql", "CREATE TABLE users (id bigserial PRIMARY KEY);",
                "V2__rename.sql", "ALTER TABLE users RENAME COLUMN id TO user_id;");
        assertThat(f.fix()).contains("ADD COLUMN user_id bigint;");
    }

    @Test
    void theBackfillFixUsesTheKeyTheHistoryDeclares() {
        Finding f = only("ZDM131", "V1__t.sql", "CREATE TABLE tokens (token uuid PRIMARY KEY, used boolean);",
                "V2__reset.sql", "UPDATE tokens SET used = false;");
        assertThat(f.fix()).contains("-- zdm:batched key=token size=5000").contains("in a migration of its own")
                .doesNotContain("key=id");
    }

    @Test
    void theBackfillFixSaysWhenTheKeyIsUnknown() {
        Finding f = only("ZDM131", "V2__reset.sql", "UPDATE tokens SET used = false;");
        assertThat(f.fix()).contains("-- zdm:batched size=5000").contains("the migrations read do not show one")
                .doesNotContain("key=id");
    }

    @Test
    void aRecursiveCteIsNotSuggestedForBatchingAsIs() {
        Finding f = only("ZDM131", "V2__tree.sql", "WITH RECURSIVE sub AS (SELECT id FROM nodes WHERE id = 1 UNION ALL "
                + "SELECT n.id FROM nodes n JOIN sub ON n.parent = sub.id) UPDATE nodes SET dead = true FROM sub WHERE nodes.id = sub.id;");
        assertThat(f.fix()).contains("cannot start with WITH").contains("WITH RECURSIVE has no equivalent subquery")
                .doesNotContain("\nWITH");
    }

    @Test
    void aLongForeignKeyFixIsCompleteWithItsReferentialActions() {
        String fk = "ALTER TABLE order_lines ADD CONSTRAINT order_lines_order_id_fkey FOREIGN KEY (order_id) "
                + "REFERENCES orders (id) ON DELETE CASCADE ON UPDATE RESTRICT";
        Finding f = only("ZDM115", "V2__fk.sql", fk + ";");
        assertThat(f.fix()).startsWith(fk + " NOT VALID;").doesNotContain("...");
    }

    @Test
    void theCreateIndexFixDropsALeftoverInsteadOfKeepingIfNotExists() {
        Finding f = only("ZDM101", "V2__idx.sql", "CREATE INDEX IF NOT EXISTS users_email ON users (email);");
        assertThat(f.fix()).startsWith("DROP INDEX CONCURRENTLY IF EXISTS users_email;\nCREATE INDEX CONCURRENTLY users_email ON users (email);")
                .doesNotContain("IF NOT EXISTS");
    }

    @Test
    void theSetNotNullFixIsTheOperationsPlanWithItsNames() {
        Finding f = only("ZDM114", "V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);",
                "V2__nn.sql", "ALTER TABLE users ALTER COLUMN email SET NOT NULL;");
        List<dev.zdm.core.ddl.StepDescription> plan = dev.zdm.core.ddl.OperationPlans.setNotNull(15,
                dev.zdm.core.ddl.QualifiedName.of("users"), "email");
        assertThat(plan).hasSize(4);
        for (dev.zdm.core.ddl.StepDescription step : plan) {
            assertThat(f.fix()).contains(step.sql() + ";");
        }
        assertThat(f.fix()).contains("ADD CONSTRAINT users_email_zdm_not_null CHECK (email IS NOT NULL) NOT VALID;");
    }

    @Test
    void theUniqueFixIsTheOperationsPlan() {
        Finding f = only("ZDM118", "V2__uq.sql", "ALTER TABLE users ADD UNIQUE (tenant_id, email);");
        assertThat(f.fix()).startsWith("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_tenant_id_email_key ON users (tenant_id, email);")
                .contains("ALTER TABLE users ADD CONSTRAINT users_tenant_id_email_key UNIQUE USING INDEX users_tenant_id_email_key;");
    }
}
