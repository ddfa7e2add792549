package dev.zdm.flyway.locksafe;

import static dev.zdm.flyway.gate.GateFixture.config;
import static dev.zdm.flyway.gate.GateFixture.migrations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.flyway.CapturedLog;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.Blocker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a history in use the lint gate asks Flyway for the pending migrations on the migrate's own (borrowed) connection
 * before the lock-safe run starts. That nested call must not become the run's command: its data source lends the
 * migrate's session, and the blocker watch would then "observe" from the very session it watches, never seeing who
 * blocks it (each retry said "blocked by: none").
 */
@PostgresTest
class BlockersOnAHistoryInUseTest {
    @Test
    void eachRetryNamesTheSessionInTheWayAfterTheGateRan(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE TABLE public.ledger (id bigint PRIMARY KEY)");
        Map<String, String> config = config(db, migrations(dir, "V1__first.sql", "SELECT 1;\n"), "h_in_use");
        Flyway.configure().configuration(config).load().migrate(); // the history is in use from now on: the gate runs
        migrations(dir, "V2__add_note.sql", "ALTER TABLE public.ledger ADD COLUMN note text;\n");
        config.put("flyway.zdm.lockRetries", "2");

        try (Blocker reader = Blocker.openTransaction(db, "SELECT count(*) FROM public.ledger");
             CapturedLog log = new CapturedLog("dev.zdm.flyway.internal")) {
            assertThatThrownBy(() -> Flyway.configure().configuration(config).load().migrate())
                    .hasMessageContaining("could not get its locks");
            List<String> retries = log.messages().stream().filter(m -> m.contains("rolled back")).toList();
            assertThat(retries).hasSize(2).allSatisfy(m -> assertThat(m).contains("pid " + reader.pid()));
        }
    }
}
