package dev.zdm.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The demo at a small size, both ways, on the test database: it completes; with flyway-zdm the workload of both
 * application versions sees no error and the schema ends where the seed wants it; the naive rename breaks shop-v1.
 * Behaviour only: latencies on a shared test machine prove nothing, so none is asserted.
 */
@PostgresTest
class LiveTrafficDemoTest {

    @Test
    void everyStepRunsUnderTrafficWithoutAnErrorWithFlywayZdmAndTheNaiveRenameBreaksTheOldVersion(TestDatabase db) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

        List<RunResult> runs = LiveTrafficDemo.run(DemoOptions.parse("--users=20000", "--both", "--reader-seconds=2"),
                db.jdbcUrl(), db.user(), db.password(), db.name(), out);

        assertThat(runs).extracting(RunResult::mode).containsExactly(Mode.ZDM, Mode.NAIVE);
        RunResult zdm = runs.get(0);
        assertThat(zdm.steps()).extracting(StepResult::title).startsWith("baseline: workload alone")
                .containsAll(DemoSteps.all().stream().map(DemoStep::title).toList()).hasSize(DemoSteps.all().size() + 1);
        assertThat(zdm.steps()).allSatisfy(step -> assertThat(step.latency().operations()).as(step.title()).isPositive());
        assertThat(zdm.errors()).as(String.valueOf(zdm.steps())).isZero();
        assertThat(zdm.steps().get(3).note()).contains("zdm:contract ran").contains("rename column users.name to full_name");
        assertThat(zdm.steps().get(4).note()).contains("held back until drained: V6").contains("V6__drop_nickname.sql");

        // where the seed wants the schema: renamed, dropped, NOT NULL, indexed, constrained; nothing of the rename left
        assertThat(db.queryString("SELECT string_agg(attname || ' ' || attnotnull, ', ' ORDER BY attnum) FROM pg_attribute "
                + "WHERE attrelid = 'zdm_demo.users'::regclass AND attnum > 0 AND NOT attisdropped"))
                .isEqualTo("id true, email true, created_at true, email_verified true, full_name false");
        assertThat(db.queryLong("SELECT count(*) FROM zdm_demo.users WHERE full_name IS NULL")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM zdm_demo.users WHERE email LIKE 'v1-%'")).isPositive();
        assertThat(db.queryLong("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'zdm_demo.users'::regclass AND NOT tgisinternal")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_index WHERE indexrelid = 'zdm_demo.orders_status_idx'::regclass AND indisvalid"))
                .isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM pg_constraint WHERE conname = 'orders_user_id_fkey' AND convalidated "
                + "AND conrelid = 'zdm_demo.orders'::regclass")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM pg_attribute WHERE attrelid = 'zdm_demo.orders'::regclass AND attname = 'note'"))
                .isEqualTo(1);

        RunResult naive = runs.get(1);
        StepResult naiveRename = naive.steps().get(2);
        assertThat(naiveRename.latency().errors()).isPositive();
        assertThat(naiveRename.latency().errorSamples()).anyMatch(e -> e.startsWith("shop-v1:") && e.contains("\"name\""));

        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("| step | flyway-zdm time | p99 | max | lock wait | errors | naive time |")
                .contains("| ALTER orders behind a long reader |").contains("0 workload errors");
    }
}
