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

    /** {@code flyway.zdm.backfill.*}: defaults of batched backfills. Null until a key of the group is set. */
    private ZdmBackfillSettings backfill;

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

    public ZdmBackfillSettings getBackfill() {
        return backfill;
    }

    public void setBackfill(ZdmBackfillSettings backfill) {
        this.backfill = backfill;
    }
}
