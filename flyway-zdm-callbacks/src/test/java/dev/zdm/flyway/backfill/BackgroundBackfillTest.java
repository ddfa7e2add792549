package dev.zdm.flyway.backfill;

import static dev.zdm.flyway.backfill.FlywayBackfillTests.config;
import static dev.zdm.flyway.backfill.FlywayBackfillTests.flyway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.core.ZdmError;
import dev.zdm.core.ZdmErrorCode;
import dev.zdm.core.backfill.BackfillAction;
import dev.zdm.core.backfill.BackfillJobOutcome;
import dev.zdm.core.backfill.BackfillReport;
import dev.zdm.flyway.ZdmCommands;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

/**
 * A backfill marked background: migrate records the job and returns, the migration applied; a migration that requires the
 * job is refused, naming it and its progress, until a runner ({@code ZdmCommands.backfill}) has finished it.
 */
@PostgresTest
class BackgroundBackfillTest {

    @Test
    void theSqlFormRecordsTheJobAndARequiringMigrationWaitsForIt(TestDatabase db) throws Exception {
        FlywayBackfillTests.emptySchema(db);
        Flyway flyway = flyway(config(db, "classpath:dev/zdm/flyway/backfill/background"));

        assertThatThrownBy(flyway::migrate).isInstanceOf(FlywayException.class)
                .satisfies(e -> assertThat(zdmCode(e)).isEqualTo(ZdmErrorCode.BACKFILL_NOT_DONE))
                .hasMessageContaining("Migration V3__needs_the_counts.sql requires backfill V2__count_every_row.sql#")
                .hasMessageContaining("it is queued, 0 rows done")
                .hasMessageContaining("mvn zdm:backfill");
        assertThat(db.queryString("SELECT string_agg(version || ':' || success, ',' ORDER BY installed_rank) FROM flyway_schema_history"))
                .isEqualTo("1:true,2:true");
        assertThat(db.queryLong("SELECT count(*) FROM accounts WHERE n > 0")).as("migrate ran no batch").isZero();
        assertThat(db.queryString("SELECT state || ' ' || background FROM zdm_backfill_progress")).isEqualTo("queued true");
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'counted'")).isZero();
        assertThat(ZdmCommands.of(flyway).verify().toText()).contains("is queued")
                .contains("a background job: let the runners finish it (mvn zdm:backfill");

        BackfillReport report = ZdmCommands.of(flyway).backfill();
        assertThat(report.runs()).extracting(BackfillJobOutcome::outcome).containsExactly(BackfillJobOutcome.Outcome.DONE);
        assertThat(report.toText()).contains("ran V2__count_every_row.sql#").contains("done, 20000 rows");
        assertThat(db.queryLong("SELECT count(*) FROM accounts WHERE n <> 1")).isZero();

        assertThat(flyway.migrate().migrationsExecuted).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'counted'")).isEqualTo(1);
    }

    @Test
    void theJavaFormIsOneOverrideAndRequireDoneIsTheJavaCall(TestDatabase db) throws Exception {
        FlywayBackfillTests.emptySchema(db);
        Flyway flyway = flyway(config(db, "classpath:dev/zdm/flyway/backfill/backgroundjava"));
        String id = "dev.zdm.flyway.backfill.backgroundjava.V2__Count_every_row";

        assertThatThrownBy(flyway::migrate).isInstanceOf(FlywayException.class)
                .hasMessageContaining("V3__Needs_the_counts requires backfill " + id + " to be done and verified; it is queued");
        assertThat(db.queryString("SELECT backfill_id || ' ' || state FROM zdm_backfill_progress")).isEqualTo(id + " queued");
        assertThat(db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE version = '2' AND success")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM accounts WHERE n > 0")).isZero();

        ZdmCommands commands = ZdmCommands.of(flyway);
        assertThat(commands.backfill(BackfillAction.pause(id)).jobs()).singleElement()
                .satisfies(j -> assertThat(j.progress()).startsWith("paused"));
        assertThat(commands.backfill().runs()).as("a paused job is left alone").isEmpty();
        assertThat(commands.status().toText()).contains(id + " on public.accounts: paused, 0 rows done")
                .contains("background job, runner none yet").contains("mvn zdm:backfill -Dzdm.resume=" + id);
        commands.backfill(BackfillAction.resume(id));
        assertThat(commands.backfill().succeeded()).isTrue();
        assertThat(db.queryLong("SELECT count(*) FROM accounts WHERE n <> 1")).isZero();
        assertThat(commands.status().backfills()).singleElement().satisfies(b -> {
            assertThat(b.state()).isEqualTo("done");
            assertThat(b.background()).isTrue();
            assertThat(b.keysPerSecond()).isPositive();
            assertThat(b.runner()).isNotBlank();
        });

        // the failed V3 left a failed row (Java, session lock): resume removes only backfill rows, so repair, then migrate
        flyway.repair();
        assertThat(flyway.migrate().migrationsExecuted).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'counted'")).isEqualTo(1);
    }

    private static ZdmErrorCode zdmCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ZdmError z) {
                return z.code();
            }
        }
        return null;
    }
}
