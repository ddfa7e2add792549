package dev.zdm.flyway.gate;

import static dev.zdm.flyway.gate.GateFixture.config;
import static dev.zdm.flyway.gate.GateFixture.loaded;
import static dev.zdm.flyway.gate.GateFixture.migrations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.core.lint.Baseline;
import dev.zdm.core.lint.LintConfig;
import dev.zdm.core.lint.Linter;
import dev.zdm.core.lint.MigrationSource;
import dev.zdm.flyway.CapturedLog;
import dev.zdm.flyway.api.ZdmLintGateException;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accepting a finding without editing the migration (which would change Flyway's checksum of an applied file):
 * the baseline file zdm:lint writes, {@code lint.since}, and {@code lint.accept} entries with a reason.
 */
@PostgresTest
class GateAcceptanceTest {
    private static final String INDEX = "CREATE INDEX %s ON data.big (x);";

    @BeforeAll
    static void tables(TestDatabase db) throws Exception {
        db.execute("CREATE SCHEMA data",
                "CREATE TABLE data.big AS SELECT g AS id, g % 100 AS x FROM generate_series(1, 20000) g", "ANALYZE data.big");
    }

    @Test
    void theBaselineZdmLintWritesIsHonoured(TestDatabase db, @TempDir Path dir) throws Exception {
        String index = INDEX.formatted("acc_b1");
        Path m = migrations(dir.resolve("m"), "V1__index.sql", index);
        Map<String, String> config = config(db, m, "acc1");
        assertThatThrownBy(() -> loaded(db, config).migrate()).hasRootCauseInstanceOf(ZdmLintGateException.class);

        // What mvn zdm:lint -Dzdm.writeBaseline=true -Dzdm.baseline=... writes for these files.
        Path baseline = dir.resolve("zdm-baseline.txt");
        Baseline.write(baseline, new Linter(LintConfig.defaults()).lint(List.of(MigrationSource.of("V1__index.sql", index))).findings());
        config.put("flyway.zdm.lint.baseline", baseline.toString());
        try (CapturedLog log = new CapturedLog("dev.zdm")) {
            assertThat(loaded(db, config).migrate().migrationsExecuted).isEqualTo(1);
            assertThat(log.messages()).noneSatisfy(l -> assertThat(l).contains("ZDM101"));
        }
    }

    @Test
    void aMissingBaselineFileIsReportedAndAcceptsNothing(TestDatabase db, @TempDir Path dir) throws Exception {
        Path m = migrations(dir.resolve("m"), "V1__index.sql", INDEX.formatted("acc_b2"));
        Map<String, String> config = config(db, m, "acc2");
        config.put("flyway.zdm.lint.baseline", dir.resolve("no-such-baseline.txt").toString());
        try (CapturedLog log = new CapturedLog("dev.zdm")) {
            assertThatThrownBy(() -> loaded(db, config).migrate()).hasRootCauseInstanceOf(ZdmLintGateException.class);
            assertThat(log.messages()).anySatisfy(l -> assertThat(l).contains("flyway.zdm.lint.baseline=").contains("no such file"));
        }
    }

    @Test
    void migrationsOlderThanSinceAreNotGated(TestDatabase db, @TempDir Path dir) throws Exception {
        Path m = migrations(dir.resolve("m"), "V1__index.sql", INDEX.formatted("acc_s1"), "V2__index.sql", INDEX.formatted("acc_s2"));
        Map<String, String> config = config(db, m, "acc3");
        config.put("flyway.zdm.lint.since", "V2");
        assertThatThrownBy(() -> loaded(db, config).migrate()).rootCause().isInstanceOf(ZdmLintGateException.class)
                .hasMessageContaining("V2__index.sql:1:1: error ZDM101").hasMessageNotContaining("V1__index.sql");
        config.put("flyway.zdm.lint.since", "3");
        assertThat(loaded(db, config).migrate().migrationsExecuted).isEqualTo(2);
    }

    @Test
    void aFindingIsAcceptedByRuleVersionAndReason(TestDatabase db, @TempDir Path dir) throws Exception {
        Path m = migrations(dir.resolve("m"), "V1__index.sql", INDEX.formatted("acc_a1"), "V2__index.sql", INDEX.formatted("acc_a2"));
        Map<String, String> config = config(db, m, "acc4");
        config.put("flyway.zdm.lint.accept", "ZDM101@V1:built at night, table idle");
        assertThatThrownBy(() -> loaded(db, config).migrate()).rootCause()
                .hasMessageContaining("V2__index.sql:1:1: error ZDM101").hasMessageNotContaining("V1__index.sql");
        config.put("flyway.zdm.lint.accept", "ZDM101@V1:built at night, table idle,ZDM101@2:same;ZDM11@V1:typo;ZDM120@V9:stale");
        try (CapturedLog log = new CapturedLog("dev.zdm")) {
            assertThat(loaded(db, config).migrate().migrationsExecuted).isEqualTo(2);
            assertThat(log.messages()).anySatisfy(l -> assertThat(l)
                    .contains("V1__index.sql:1:1: error ZDM101 accepted by flyway.zdm.lint.accept (built at night, table idle)"));
            assertThat(log.messages()).anySatisfy(l -> assertThat(l).contains("'ZDM11@V1:typo' names no rule").contains("did you mean"));
            assertThat(log.messages()).anySatisfy(l -> assertThat(l).contains("'ZDM120@V9:stale' matches no finding"));
        }
    }

    @Test
    void anAcceptanceNeedsAReasonAndMisspeltKeysStillFail(TestDatabase db, @TempDir Path dir) throws Exception {
        Path m = migrations(dir.resolve("m"), "V1__index.sql", INDEX.formatted("acc_r1"));
        Map<String, String> config = config(db, m, "acc5");
        config.put("flyway.zdm.lint.accept", "ZDM101@V1");
        assertThatThrownBy(() -> loaded(db, config).migrate()).rootCause()
                .hasMessageContaining("flyway.zdm.lint.accept").hasMessageContaining("'ZDM101@V1' has no reason");
        config.remove("flyway.zdm.lint.accept");
        config.put("flyway.zdm.lint.acept", "ZDM101@V1:x");
        assertThatThrownBy(() -> loaded(db, config).migrate()).hasMessageContaining("flyway.zdm.lint.acept");
        assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname = 'acc_r1'")).isZero();
        assertThat(Files.exists(m.resolve("V1__index.sql"))).isTrue();
    }
}
