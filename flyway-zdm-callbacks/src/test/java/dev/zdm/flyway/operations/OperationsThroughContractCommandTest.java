package dev.zdm.flyway.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zdm.flyway.ZdmCommands;
import dev.zdm.flyway.api.ZdmContractHeldException;
import dev.zdm.flyway.internal.contract.PhaseReport;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An operation migration through the phase commands: {@code zdm:expand} applies its expand steps, {@code zdm:contract}
 * refuses its contract steps without drain evidence and runs them with the operator's confirmation.
 */
@PostgresTest
class OperationsThroughContractCommandTest {

    @BeforeEach
    void empty(TestDatabase db) throws Exception {
        OperationsFixture.emptySchema(db);
    }

    @Test
    void contractRunsTheWaitingStepsOnceDrained(TestDatabase db) throws Exception {
        assumeTrue(db.serverMajorVersion() < 18, "SET NOT NULL has contract steps on PostgreSQL 12-17");
        OperationsFixture.flyway(db, "flyway.target", "1").migrate();
        Flyway flyway = OperationsFixture.flyway(db);
        PhaseReport expand = ZdmCommands.of(flyway).expand();
        assertThat(expand.applied()).hasSize(1);
        assertThat(OperationsFixture.notNull(db, "users", "email_verified")).isFalse();

        assertThatThrownBy(() -> ZdmCommands.of(flyway).contract()).isInstanceOf(ZdmContractHeldException.class)
                .hasMessageContaining("the contract steps of db.zdm.operations.V2__Require_email_verified")
                .hasMessageContaining("-Dzdm.confirmDrained=2");
        assertThat(OperationsFixture.notNull(db, "users", "email_verified")).isFalse();
        assertThat(ZdmCommands.of(flyway).status().toText()).contains("contract: waiting");

        PhaseReport contract = ZdmCommands.of(flyway).contract("2");
        assertThat(contract.operations()).singleElement().asString().contains("SET NOT NULL users.email_verified");
        assertThat(contract.toText()).contains("contract steps of operation migrations:");
        assertThat(OperationsFixture.notNull(db, "users", "email_verified")).isTrue();
        assertThat(OperationsFixture.indexExists(db, "orders_legacy_idx")).isFalse();
    }

    @Test
    void rollbackUndoesAnOperationMigrationThatWasNotContracted(TestDatabase db) throws Exception {
        assumeTrue(db.serverMajorVersion() < 18, "SET NOT NULL has contract steps on PostgreSQL 12-17");
        OperationsFixture.flyway(db, "flyway.target", "1").migrate();
        String before = OperationsFixture.catalog(db);
        Flyway flyway = OperationsFixture.flyway(db);
        ZdmCommands.of(flyway).expand();
        assertThat(OperationsFixture.catalog(db)).isNotEqualTo(before);

        assertThat(ZdmCommands.of(flyway).rollback(dev.zdm.flyway.internal.rollback.RollbackOptions.defaults().withRollbackTo("1")).toText())
                .contains("V2__Require_email_verified");
        assertThat(OperationsFixture.catalog(db)).isEqualTo(before);
        assertThat(db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE version = '2'")).isZero();
        assertThat(flyway.migrate().migrationsExecuted).as("applied again").isEqualTo(1);
    }
}
