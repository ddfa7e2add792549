package dev.zdm.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zdm.flyway.internal.verify.VerifyReport;
import dev.zdm.flyway.internal.verify.VerifyReport.CheckResult;
import dev.zdm.flyway.internal.verify.VerifyReport.Problem;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** PostgreSQL 18's {@code NOT NULL ... NOT VALID}: reported as not validated (ZDV02), its NULL rows counted (ZDV03). */
@PostgresTest
class ZdmCommandsVerifyNotNullTest {

    @Test
    void reportsANotValidNotNullAndCountsItsNullRows(TestDatabase db) throws Exception {
        assumeTrue(db.serverMajorVersion() >= 18, "NOT NULL ... NOT VALID needs PostgreSQL 18");
        db.execute("CREATE TABLE users (id bigint PRIMARY KEY, email text)",
                "INSERT INTO users SELECT g, CASE WHEN g % 100 = 0 THEN NULL ELSE 'u' || g END FROM generate_series(1, 1000) g",
                "ALTER TABLE users ADD CONSTRAINT users_email_not_null NOT NULL email NOT VALID");
        Map<String, String> config = new HashMap<>();
        db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
        config.put("flyway.locations", "classpath:db/verify/none");
        VerifyReport report = ZdmCommands.of(Flyway.configure().configuration(config).load()).verify();
        assertThat(check(report, "ZDV02").problems()).extracting(Problem::subject, Problem::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple("users_email_not_null on public.users",
                        "NOT NULL constraint is NOT VALID: rows written before it was added were never checked."));
        assertThat(check(report, "ZDV03").problems()).singleElement().satisfies(p ->
                assertThat(p.detail()).startsWith("10 rows break NOT NULL email (rows where \"email\" IS NULL)"));
    }

    private static CheckResult check(VerifyReport report, String id) {
        return report.checks().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }
}
