package dev.zdm.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.flyway.api.ZdmConfigurationException;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain Flyway project: the Flyway API with its default configuration and flyway-zdm-callbacks on the
 * classpath, nothing else. The extension must be found through ServiceLoader alone.
 */
@PostgresTest
class PluginRegistrationTest {

    @BeforeEach
    void emptySchema(TestDatabase db) throws Exception {
        db.execute("DROP SCHEMA IF EXISTS public CASCADE", "CREATE SCHEMA public");
    }

    private static Map<String, String> connection(TestDatabase db) {
        Map<String, String> config = new HashMap<>();
        db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
        config.put("flyway.locations", "classpath:db/activation");
        return config;
    }

    @Test
    void aPlainFlywayProjectPicksUpTheExtensionAndSaysSoAtTheStartOfMigrate(TestDatabase db) {
        MigrateResult result;
        try (CapturedLog log = new CapturedLog("dev.zdm")) {
            result = Flyway.configure().configuration(connection(db)).load().migrate();
            assertThat(log.messages()).anySatisfy(m -> assertThat(m).startsWith("flyway-zdm ").contains(" active: enabled=true"));
        }
        assertThat(result.migrationsExecuted).isEqualTo(2);
    }

    @Test
    void settingsFromAConfigurationMapReachTheExtension(TestDatabase db) {
        Map<String, String> config = connection(db);
        config.put("flyway.zdm.enabled", "false");
        Flyway flyway = Flyway.configure().configuration(config).load();

        ZdmConfigurationExtension zdm = flyway.getConfiguration().getPluginRegister().getExact(ZdmConfigurationExtension.class);
        assertThat(zdm.getEnabled()).isEqualTo("false");
        try (CapturedLog log = new CapturedLog("dev.zdm")) {
            flyway.migrate();
            assertThat(log.messages()).anySatisfy(m -> assertThat(m).contains("disabled (flyway.zdm.enabled=false)"));
            assertThat(log.messages()).noneSatisfy(m -> assertThat(m).contains(" active: "));
        }
    }

    @Test
    void settingsFromFlywayConfReachTheExtension(TestDatabase db, @TempDir Path dir) throws Exception {
        StringBuilder conf = new StringBuilder();
        connection(db).forEach((k, v) -> conf.append(k).append('=').append(v).append('\n'));
        conf.append("flyway.zdm.enabled=false\n");
        Files.writeString(dir.resolve("flyway.conf"), conf);

        Flyway flyway = Flyway.configure().workingDirectory(dir.toString()).loadDefaultConfigurationFiles().load();

        assertThat(flyway.getConfiguration().getPluginRegister().getExact(ZdmConfigurationExtension.class).getEnabled())
                .isEqualTo("false");
        assertThat(flyway.migrate().migrationsExecuted).isEqualTo(2);
    }

    @Test
    void settingsSetInCodeOnTheExtensionAreUsed(TestDatabase db) {
        var configuration = Flyway.configure().configuration(connection(db));
        configuration.getPluginRegister().getExact(ZdmConfigurationExtension.class).setEnabled("false");
        try (CapturedLog log = new CapturedLog("dev.zdm")) {
            configuration.load().migrate();
            assertThat(log.messages()).anySatisfy(m -> assertThat(m).contains("disabled (flyway.zdm.enabled=false)"));
        }
    }

    @Test
    void anUnknownKeyFailsNamingItAndListingTheValidOnesBeforeAnythingIsApplied(TestDatabase db) throws Exception {
        Map<String, String> config = connection(db);
        config.put("flyway.zdm.enabeld", "false");

        assertThatThrownBy(() -> Flyway.configure().configuration(config).load().migrate())
                .hasRootCauseInstanceOf(ZdmConfigurationException.class)
                .hasMessageContaining("Unknown flyway-zdm setting: flyway.zdm.enabeld")
                .hasMessageContaining("Did you mean flyway.zdm.enabled?")
                .hasMessageContaining("Valid settings")
                .hasMessageContaining("flyway.zdm.enabled (true|false, default true)");
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isZero();
    }

    @Test
    void aValueOfTheWrongTypeFailsInsteadOfBeingDroppedSilently(TestDatabase db) throws Exception {
        Map<String, String> config = connection(db);
        config.put("flyway.zdm.enabled", "nope");

        assertThatThrownBy(() -> Flyway.configure().configuration(config).load().migrate())
                .hasRootCauseInstanceOf(ZdmConfigurationException.class)
                .hasMessageContaining("Invalid value for flyway.zdm.enabled: 'nope' must be true or false");
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isZero();
    }

    @Test
    void anUnknownKeyFailsOtherCommandsToo(TestDatabase db) {
        Map<String, String> config = connection(db);
        config.put("flyway.zdm.lint.nonsense", "1");
        assertThatThrownBy(() -> Flyway.configure().configuration(config).load().info())
                .hasRootCauseInstanceOf(ZdmConfigurationException.class)
                .hasMessageContaining("flyway.zdm.lint.nonsense");
    }
}
