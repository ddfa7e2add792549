package dev.zdm.core.phase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.core.sql.SqlScript;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PhaseDeclarationTest {

    private static Optional<MigrationPhase> declared(String text) {
        return PhaseDeclaration.of(SqlScript.parse("V7__change.sql", text));
    }

    @Test
    void readsThePhaseWrittenBeforeTheFirstStatement() {
        assertThat(declared("-- zdm:phase=contract\n\nALTER TABLE users DROP COLUMN legacy;\n")).contains(MigrationPhase.CONTRACT);
        assertThat(declared("-- zdm:phase=expand\nALTER TABLE users ADD COLUMN n text;\n")).contains(MigrationPhase.EXPAND);
        assertThat(declared("/* zdm:phase=Migrate */\nUPDATE users SET n = '' WHERE n IS NULL;\n")).contains(MigrationPhase.MIGRATE);
        assertThat(declared("-- zdm:phase=contract drop legacy after release 42\n\nSELECT 1;\n")).contains(MigrationPhase.CONTRACT);
    }

    @Test
    void anUndeclaredOrWronglyDeclaredMigrationDeclaresNothing() {
        assertThat(declared("ALTER TABLE users DROP COLUMN legacy;\n")).isEmpty();
        assertThat(declared("-- zdm:phase=contrct\n\nSELECT 1;\n")).isEmpty();
        assertThat(declared("-- zdm:phase\n\nSELECT 1;\n")).isEmpty();
        assertThat(declared("-- zdm:phase contract\n\nSELECT 1;\n")).isEmpty();
        assertThat(declared("SELECT 1;\n-- zdm:phase=contract\nSELECT 2;\n")).isEmpty();
        assertThat(declared("")).isEmpty();
    }

    @Test
    void strictTreatsAnUndeclaredMigrationWithABreakingStatementAsContract() {
        SqlScript undeclared = SqlScript.parse("V7__drop.sql", "ALTER TABLE users DROP COLUMN legacy;\n");
        SqlScript expand = SqlScript.parse("V7__drop.sql", "-- zdm:phase=expand\n\nALTER TABLE users DROP COLUMN legacy;\n");
        assertThat(PhaseDeclaration.effective(undeclared, PhaseMode.STRICT, true)).contains(MigrationPhase.CONTRACT);
        assertThat(PhaseDeclaration.effective(undeclared, PhaseMode.STRICT, false)).isEmpty();
        assertThat(PhaseDeclaration.effective(undeclared, PhaseMode.DECLARED, true)).isEmpty();
        assertThat(PhaseDeclaration.effective(expand, PhaseMode.STRICT, true)).contains(MigrationPhase.EXPAND);
    }

    @Test
    void phaseNamesAndModesParse() {
        assertThat(MigrationPhase.parse(" Contract ")).contains(MigrationPhase.CONTRACT);
        assertThat(MigrationPhase.parse("contrct")).isEmpty();
        assertThat(MigrationPhase.CONTRACT.directive()).isEqualTo("-- zdm:phase=contract");
        assertThat(MigrationPhase.EXPAND.oldCodeRuns()).isTrue();
        assertThat(MigrationPhase.CONTRACT.oldCodeRuns()).isFalse();
        assertThat(PhaseMode.parse("STRICT")).isEqualTo(PhaseMode.STRICT);
        assertThatThrownBy(() -> PhaseMode.parse("lenient")).hasMessageContaining("declared or strict");
    }
}
