package dev.zdm.flyway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.core.ZdmError;
import dev.zdm.core.ZdmErrorCode;
import dev.zdm.core.backfill.BackfillDefinitionException;
import dev.zdm.core.backfill.BackfillException;
import dev.zdm.core.lock.ContentionExhaustedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

/** Every exception users catch is a ZdmError with its stable code; the codes are documented. */
class ErrorCodesTest {

    @Test
    void eachExceptionHasItsCode() {
        assertThat(new ZdmConfigurationException("x").code()).isEqualTo(ZdmErrorCode.CONFIGURATION_INVALID);
        assertThat(new ZdmLintGateException("x").code()).isEqualTo(ZdmErrorCode.LINT_GATE_REFUSED);
        assertThat(new ZdmMigrationException("x", null).code()).isEqualTo(ZdmErrorCode.MIGRATION_FAILED);
        assertThat(new ZdmMigrationException(ZdmErrorCode.STATEMENT_TIMEOUT, "x", null).code()).isEqualTo(ZdmErrorCode.STATEMENT_TIMEOUT);
        assertThat(new BackfillException("x").code()).isEqualTo(ZdmErrorCode.BACKFILL_FAILED);
        assertThat(new BackfillDefinitionException("x").code()).isEqualTo(ZdmErrorCode.BACKFILL_DEFINITION_INVALID);
        assertThat(new ContentionExhaustedException(3, Duration.ofSeconds(1), List.of(), new SQLException("x", "55P03")).code())
                .isEqualTo(ZdmErrorCode.LOCK_CONTENTION_EXHAUSTED);
    }

    @Test
    void aFailedBackfillKeepsItsSqlStateAndTellsAWrongDefinitionFromAFailedRun() {
        BackfillFailedException definition = new BackfillFailedException("x", new BackfillDefinitionException("y"));
        assertThat((Throwable) definition).isInstanceOf(SQLException.class).isInstanceOf(ZdmError.class);
        assertThat(definition.getSQLState()).isEqualTo("ZD001");
        assertThat(definition.code()).isEqualTo(ZdmErrorCode.BACKFILL_DEFINITION_INVALID);
        assertThat(new BackfillFailedException("x", new SQLException("lock", "55P03")).code()).isEqualTo(ZdmErrorCode.BACKFILL_FAILED);
    }

    @Test
    void flywayFacingExceptionsStayFlywayExceptions() {
        assertThat(new ZdmConfigurationException("x")).isInstanceOf(FlywayException.class);
        assertThat(new ZdmLintGateException("x")).isInstanceOf(FlywayException.class);
        assertThat(new ZdmMigrationException("x", null)).isInstanceOf(FlywayException.class);
    }

    @Test
    void everyCodeIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "errors.md"), StandardCharsets.UTF_8);
        for (ZdmErrorCode code : ZdmErrorCode.values()) {
            assertThat(doc).as("docs/errors.md documents %s", code).contains("| `" + code + "` |");
        }
    }
}
