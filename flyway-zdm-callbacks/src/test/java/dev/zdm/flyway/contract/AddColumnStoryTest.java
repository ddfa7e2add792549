package dev.zdm.flyway.contract;

import static dev.zdm.flyway.gate.GateFixture.config;
import static dev.zdm.flyway.gate.GateFixture.migrations;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.core.lint.Finding;
import dev.zdm.core.lint.LintConfig;
import dev.zdm.core.lint.Linter;
import dev.zdm.core.lint.MigrationSource;
import dev.zdm.core.lint.Severity;
import dev.zdm.flyway.ZdmCommands;
import dev.zdm.flyway.internal.contract.PhaseReport;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.LatencyStats;
import dev.zdm.test.concurrency.SteadyWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's add-column story as one flow, with the application writing throughout: expand (a nullable column with a
 * default for new rows), migrate (a batched backfill of the existing rows, then a NOT VALID CHECK that every row now
 * holds, validated in a migration of its own), contract (SET NOT NULL, which PostgreSQL 12+ proves from the validated
 * CHECK without a scan, and the CHECK dropped). The CHECK cannot come before the backfill: an old instance updating a
 * row not yet backfilled would fail it. The three migrations lint clean; the writer sees no error and no stall above twice the lock timeout.
 */
@PostgresTest
class AddColumnStoryTest {
    private static final String EXPAND = """
            -- zdm:phase=expand
            ALTER TABLE story.users ADD COLUMN email_verified boolean;
            ALTER TABLE story.users ALTER COLUMN email_verified SET DEFAULT false;
            """;
    private static final String MIGRATE = """
            -- zdm:phase=migrate
            -- zdm:batched key=id
            UPDATE story.users SET email_verified = (email LIKE '%.verified') WHERE email_verified IS NULL;
            """;
    private static final String CHECK = """
            -- zdm:phase=migrate
            ALTER TABLE story.users ADD CONSTRAINT users_email_verified_not_null CHECK (email_verified IS NOT NULL) NOT VALID;
            """;
    private static final String VALIDATE = """
            -- zdm:phase=migrate
            ALTER TABLE story.users VALIDATE CONSTRAINT users_email_verified_not_null;
            """;
    private static final String CONTRACT = """
            -- zdm:phase=contract
            ALTER TABLE story.users ALTER COLUMN email_verified SET NOT NULL;
            ALTER TABLE story.users DROP CONSTRAINT users_email_verified_not_null;
            """;

    @Test
    void expandMigrateContractUnderAWriter(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE SCHEMA story",
                "CREATE TABLE story.users (id bigserial PRIMARY KEY, email text NOT NULL)",
                "INSERT INTO story.users (email) SELECT 'u' || g || CASE WHEN g % 3 = 0 THEN '.verified' ELSE '' END"
                        + " FROM generate_series(1, 60000) g",
                "ANALYZE story.users");
        Map<String, String> config = config(db, migrations(dir, "V1__baseline.sql", "SELECT 1;\n"), "story_history");
        Flyway.configure().configuration(config).load().migrate(); // the application's history so far
        migrations(dir, "V2__email_verified.sql", EXPAND, "V3__backfill_email_verified.sql", MIGRATE,
                "V4__check_email_verified.sql", CHECK, "V5__validate_email_verified.sql", VALIDATE,
                "V6__email_verified_not_null.sql", CONTRACT);
        assertThat(lint(dir)).as("the three migrations lint clean").isEmpty();

        Flyway flyway = Flyway.configure().configuration(config).load();
        LatencyStats writes;
        PhaseReport expand;
        PhaseReport contract;
        try (SteadyWriter writer = SteadyWriter.start(db, "WITH i AS (INSERT INTO story.users (email) VALUES ('new' || random()))"
                + " UPDATE story.users SET email = email WHERE id = (SELECT 1 + floor(random() * 60000)::bigint)", 100, 2)) {
            Thread.sleep(300);
            expand = ZdmCommands.of(flyway).expand();
            Thread.sleep(300); // the new application is deployed; the old one drains
            contract = ZdmCommands.of(flyway).contract("5");
            Thread.sleep(300);
            writes = writer.stop();
        }
        assertThat(expand.applied()).containsExactly("V2__email_verified.sql", "V3__backfill_email_verified.sql",
                "V4__check_email_verified.sql", "V5__validate_email_verified.sql");
        assertThat(expand.held()).containsExactly("V6__email_verified_not_null.sql (contract)");
        assertThat(contract.applied()).containsExactly("V6__email_verified_not_null.sql");
        assertThat(writes.errors()).as("writer errors: %s", writes.errorSamples()).isZero();
        assertThat(writes.longestLockWait()).as("writer's longest lock wait (%s)", writes).isLessThan(Duration.ofMillis(400));
        assertThat(writes.countOver(Duration.ofMillis(400))).as("writes slower than twice the lock timeout (%s)", writes)
                .isLessThanOrEqualTo(writes.count() / 100);
        assertThat(db.queryString("SELECT is_nullable FROM information_schema.columns WHERE table_schema = 'story'"
                + " AND table_name = 'users' AND column_name = 'email_verified'")).isEqualTo("NO");
        assertThat(db.queryLong("SELECT count(*) FROM story.users WHERE email LIKE '%.verified' AND NOT email_verified")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_constraint WHERE conname = 'users_email_verified_not_null'")).isZero();
        System.out.println("add-column story: writer " + writes);
    }

    private static List<Finding> lint(Path dir) throws Exception {
        List<MigrationSource> sources = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                sources.add(MigrationSource.of(f.getFileName().toString(), Files.readString(f)));
            }
        }
        return new Linter(LintConfig.defaults()).lint(sources).findings().stream()
                .filter(f -> f.severity().compareTo(Severity.WARNING) >= 0).toList();
    }
}
