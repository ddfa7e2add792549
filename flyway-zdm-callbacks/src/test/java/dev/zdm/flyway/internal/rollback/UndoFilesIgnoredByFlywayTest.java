package dev.zdm.flyway.internal.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flyway 13.12 community reads {@code U<version>__*.sql} undo files as nothing: migrate, validate and info neither run
 * nor list them, with flyway-zdm and without it, so they can sit beside the migrations. {@link UndoFileSource} finds
 * them.
 */
@PostgresTest
class UndoFilesIgnoredByFlywayTest {

    @Test
    void migrateValidateAndInfoIgnoreUndoFiles(TestDatabase db, @TempDir Path dir) throws Exception {
        for (String enabled : new String[] {"true", "false"}) {
            RollbackFixture m = new RollbackFixture(db, dir.resolve(enabled), "undo_" + enabled)
                    .write("V1__t.sql", "CREATE TABLE t (id int);\n")
                    .write("U1__t.sql", "DROP TABLE t;\n")
                    .write("U2__never.sql", "SELECT 1/0;\n")
                    .set("flyway.zdm.enabled", enabled);
            assertThat(m.migrate().migrationsExecuted).isEqualTo(1);
            Flyway flyway = m.flyway();
            assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
            assertThat(Arrays.stream(flyway.info().all()).filter(i -> !i.getType().isSynthetic()).map(MigrationInfo::getScript)).containsExactly("V1__t.sql");
            assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'undo_" + enabled + "' AND tablename = 't'")).isEqualTo(1);
            assertThat(m.migrate().migrationsExecuted).isZero();

            try (Connection c = db.connect()) {
                UndoFileSource files = UndoFileSource.of(flyway.getConfiguration(), c);
                Candidate v1 = new Candidate(MigrationVersion.fromVersion("1"), "V1__t.sql", "t", 1, "SQL", java.util.Optional.empty(), "undeclared");
                assertThat(files.find(v1)).hasValueSatisfying(r -> {
                    assertThat(r.source()).isEqualTo("U1__t.sql");
                    assertThat(r.steps()).containsExactly("line 1: DROP TABLE t");
                });
                Candidate v3 = new Candidate(MigrationVersion.fromVersion("3"), "V3__x.sql", "x", 3, "SQL", java.util.Optional.empty(), "undeclared");
                assertThat(files.find(v3)).isEmpty();
            }
        }
    }

    /** With {@code validateMigrationNaming=true} Flyway refuses them: write the rollback as a -- zdm:rollback section then. */
    @Test
    void strictNamingRefusesUndoFiles(TestDatabase db, @TempDir Path dir) throws Exception {
        RollbackFixture m = new RollbackFixture(db, dir, "undo_strict").write("V1__t.sql", "CREATE TABLE t (id int);\n")
                .write("U1__t.sql", "DROP TABLE t;\n").set("flyway.validateMigrationNaming", "true");
        org.assertj.core.api.Assertions.assertThatThrownBy(m::migrate).hasMessageContaining("Unrecognised migration name format: U1__t.sql");
    }
}
