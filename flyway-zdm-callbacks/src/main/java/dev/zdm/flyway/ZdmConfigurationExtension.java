package dev.zdm.flyway;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.zdm.flyway.internal.SettingKeys;
import org.flywaydb.core.extensibility.ConfigurationExtension;

/**
 * The {@code flyway.zdm.*} settings, bound by Flyway from every place it reads configuration
 * ({@code configuration(Map)}, flyway.conf, {@code FLYWAY_ZDM_*} environment variables, Maven properties
 * and {@code <pluginConfiguration>}). Each field is one key; see {@link Setting} and docs/configuration.md.
 *
 * <p>Set values in code with
 * {@code Flyway.configure().getPluginRegister().getExact(ZdmConfigurationExtension.class).setEnabled("false")}
 * or, simpler, {@code .configuration(Map.of("flyway.zdm.enabled", "false"))}.
 */
public class ZdmConfigurationExtension implements ConfigurationExtension {

    @Setting(kind = Setting.Kind.BOOLEAN, defaultValue = "true",
            doc = "Switches flyway-zdm off entirely when false: Flyway then behaves as if the jar were absent.")
    private String enabled;

    @Setting(kind = Setting.Kind.TEXT,
            doc = "The PostgreSQL major version migrations are linted for (e.g. 15); empty: read from the live connection.")
    private String postgresVersion;

    /** {@code flyway.zdm.lint.*}: the migrate-time lint gate. */
    private ZdmLintSettings lint = new ZdmLintSettings();

    @Override
    @JsonIgnore
    public String getNamespace() {
        return "zdm";
    }

    @Override
    public String getConfigurationParameterFromEnvironmentVariable(String environmentVariable) {
        return SettingKeys.fromEnvironmentVariable(environmentVariable);
    }

    // Plugin.isEnabled() (whether Flyway loads the plugin at all) is @JsonIgnore'd; name our property explicitly.
    @JsonProperty("enabled")
    public String getEnabled() {
        return enabled;
    }

    @JsonProperty("enabled")
    public void setEnabled(String enabled) {
        this.enabled = enabled;
    }

    public String getPostgresVersion() {
        return postgresVersion;
    }

    public void setPostgresVersion(String postgresVersion) {
        this.postgresVersion = postgresVersion;
    }

    public ZdmLintSettings getLint() {
        return lint;
    }

    public void setLint(ZdmLintSettings lint) {
        this.lint = lint == null ? new ZdmLintSettings() : lint;
    }
}
