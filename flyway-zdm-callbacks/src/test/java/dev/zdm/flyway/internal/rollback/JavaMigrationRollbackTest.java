package dev.zdm.flyway.internal.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.flyway.ZdmCommands;
import dev.zdm.flyway.api.ZdmMigrationException;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Java migration has no rollback section: it is refused by name until an undo file with its version exists. */
@PostgresTest
class JavaMigrationRollbackTest {

    @Test
    void aJavaMigrationIsUndoneByItsUndoFileAndRefusedWithout(TestDatabase db, @TempDir Path dir) throws Exception {
        RollbackFixture m = new RollbackFixture(db, dir, "javamig")
                .write("V1__users.sql", "CREATE TABLE users (id int PRIMARY KEY);\n");
        java.util.Map<String, String> config = m.config();
        config.put("flyway.locations", config.get("flyway.locations") + ",classpath:db/rollbackjava");
        org.flywaydb.core.Flyway flyway = org.flywaydb.core.Flyway.configure().configuration(config).load();
        flyway.migrate();
        assertThat(m.history()).isEqualTo("1,2");

        assertThatThrownBy(() -> ZdmCommands.of(flyway).rollback(RollbackOptions.defaults().withRollbackTo("1")))
                .isInstanceOf(ZdmMigrationException.class)
                .hasMessageContaining("1 of them has no rollback written:\n  V2 (Java migration db.rollbackjava.V2__Add_email): a JDBC"
                        + " migration has no rollback section; write U2__undo_Add_email.sql with the SQL that undoes it");

        m.write("U2__undo_Add_email.sql", "ALTER TABLE users DROP COLUMN email;\n");
        RollbackReport report = ZdmCommands.of(flyway).rollback(RollbackOptions.defaults().withRollbackTo("1"));
        assertThat(report.versions()).containsExactly("2");
        assertThat(report.undone().get(0).source()).isEqualTo("U2__undo_Add_email.sql");
        assertThat(m.history()).isEqualTo("1");
        assertThat(db.queryLong("SELECT count(*) FROM pg_attribute WHERE attrelid = 'javamig.users'::regclass AND attname = 'email'")).isZero();
    }
}
