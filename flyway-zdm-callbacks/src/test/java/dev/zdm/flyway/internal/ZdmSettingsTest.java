package dev.zdm.flyway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.core.backfill.BackfillDefaults;
import dev.zdm.core.phase.PhaseMode;
import dev.zdm.core.ddl.DdlOptions;
import dev.zdm.core.lock.LockPolicy;
import dev.zdm.flyway.ZdmBackfillSettings;
import dev.zdm.flyway.ZdmConfigurationExtension;
import dev.zdm.flyway.ZdmLintSettings;
import dev.zdm.flyway.api.ZdmConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed settings: defaults, what 0 means where it is allowed, and what reaches the engine's options. */
class ZdmSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        ZdmSettings s = ZdmSettings.of(new ZdmConfigurationExtension(), Map.of());
        assertThat(s.enabled()).isTrue();
        assertThat(s.lock()).isEqualTo(new ZdmSettings.Lock(Duration.ofMillis(200), null, 20, Duration.ofMinutes(5),
                Duration.ofMinutes(10), false));
        assertThat(s.ddl()).isEqualTo(new ZdmSettings.Ddl(Duration.ofMinutes(5), 2, null, Duration.ofSeconds(5)));
        assertThat(s.backfill()).isEqualTo(new ZdmSettings.Backfill(Duration.ofMillis(200), Duration.ofMillis(200),
                Duration.ofSeconds(10), Duration.ofSeconds(10), 10, Duration.ofSeconds(5)));
        assertThat(s.lint()).isEqualTo(new ZdmSettings.Lint(true, "error", 10_000, true, Map.of(), null, "", "", null,
                PhaseMode.DECLARED));
        assertThat(s.rerunEdited()).isFalse();
        assertThat(s.summary()).startsWith("enabled=true, lockTimeout=200ms, lockTimeoutMax=(none), lockRetries=20");
    }

    @Test
    void phasesIsDeclaredOrStrict() {
        ZdmConfigurationExtension zdm = new ZdmConfigurationExtension();
        zdm.setPhases("strict");
        assertThat(ZdmSettings.of(zdm, Map.of()).lint().phases()).isEqualTo(PhaseMode.STRICT);
        zdm.setPhases("strcit");
        assertThatThrownBy(() -> ZdmSettings.of(zdm, Map.of())).hasMessageContaining("flyway.zdm.phases")
                .hasMessageContaining("strcit").hasMessageContaining("strict");
    }

    @Test
    void zeroMeansWhatItsDeclarationSays() {
        ZdmConfigurationExtension zdm = new ZdmConfigurationExtension();
        zdm.setStatementTimeout("0");
        zdm.setIndexBuildTimeout("0");
        zdm.setLockRetries("0");
        ZdmBackfillSettings backfill = new ZdmBackfillSettings();
        backfill.setMaxReplicationLag("0");
        backfill.setMaxRetries("0");
        zdm.setBackfill(backfill);
        ZdmLintSettings lint = new ZdmLintSettings();
        lint.setSmallTableRows("0");
        zdm.setLint(lint);

        ZdmSettings s = ZdmSettings.of(zdm, Map.of());
        assertThat(s.lock().statementTimeout()).as("statementTimeout=0: none").isNull();
        assertThat(s.lock().policy().statementTimeout()).isNull();
        assertThat(s.lock().policy().maxAttempts()).as("lockRetries=0: one attempt").isEqualTo(1);
        assertThat(s.ddl().buildTimeout()).as("indexBuildTimeout=0: none").isNull();
        assertThat(DdlOptionsFromSettings.of(s).buildTimeout()).isEqualTo(Duration.ZERO);
        assertThat(s.backfill().maxReplicationLag()).isEqualTo(Duration.ZERO);
        BackfillDefaults defaults = BackfillDefaultsFromSettings.of(s);
        assertThat(defaults.maxRetries()).isZero();
        assertThat(defaults.maxReplicationLag()).isEqualTo(Duration.ZERO);
        assertThat(s.lint().smallTableRows()).isZero();
    }

    @Test
    void theIndexAndLockSettingsReachTheDdlOptionsAsGiven() {
        ZdmConfigurationExtension zdm = new ZdmConfigurationExtension();
        zdm.setIndexWaitTimeout("2s");
        zdm.setIndexBuildRetries("0");
        zdm.setIndexBuildTimeout("1h");
        zdm.setIndexProgressInterval("250ms");
        zdm.setLockTimeout("321ms");
        zdm.setLockRetries("7");
        DdlOptions options = DdlOptionsFromSettings.of(ZdmSettings.of(zdm, Map.of()));
        assertThat(options.waitTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.buildRetries()).isZero();
        assertThat(options.buildTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(options.progressInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(options.lockTimeout()).isEqualTo(Duration.ofMillis(321));
        assertThat(options.lockRetries()).isEqualTo(7);
    }

    @Test
    void theLockPolicyEscalatesUpToTheCeiling() {
        ZdmConfigurationExtension zdm = new ZdmConfigurationExtension();
        zdm.setLockTimeout("100ms");
        zdm.setLockTimeoutMax("1s");
        zdm.setResumeEdited("RERUN");
        ZdmSettings s = ZdmSettings.of(zdm, Map.of());
        LockPolicy policy = s.lock().policy();
        assertThat(policy.lockTimeoutFor(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.lockTimeoutFor(10)).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.rerunEdited()).isTrue();
        assertThat(BackfillDefaultsFromSettings.of(s).restartChangedStatement()).isTrue();
    }

    @Test
    void everyRefusalNamesKeyValueVariableAndWhatIsAllowed() {
        ZdmConfigurationExtension zdm = new ZdmConfigurationExtension();
        zdm.setIndexProgressInterval("0");
        assertThatThrownBy(() -> ZdmSettings.of(zdm, Map.of()))
                .isInstanceOf(ZdmConfigurationException.class)
                .hasMessageStartingWith("Invalid value for flyway.zdm.indexProgressInterval: '0' is refused: progress would be logged"
                        + " continuously. Allowed: a duration such as 500ms, 2s, 5m or 1h, from 1ms to 1h")
                .hasMessageContaining("default 5s")
                .hasMessageContaining("flyway.zdm.indexProgressInterval (environment variable FLYWAY_ZDM_INDEX_PROGRESS_INTERVAL)");
    }

    @Test
    void writtenDurationsCanBePastedBackAsValues() {
        assertThat(ZdmSettings.written(Duration.ofMillis(200))).isEqualTo("200ms");
        assertThat(ZdmSettings.written(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(ZdmSettings.written(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(ZdmSettings.written(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(ZdmSettings.written(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(ZdmSettings.written(Duration.ZERO)).isEqualTo("0ms");
    }
}
