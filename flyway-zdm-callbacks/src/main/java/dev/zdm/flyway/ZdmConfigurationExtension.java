package dev.zdm.flyway;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.zdm.flyway.internal.SettingKeys;
import dev.zdm.flyway.internal.ZdmSettingFields;

/**
 * The {@code flyway.zdm.*} settings, bound by Flyway from every place it reads configuration
 * ({@code configuration(Map)}, flyway.conf, {@code FLYWAY_ZDM_*} environment variables, Maven properties
 * and {@code <pluginConfiguration>}). Each key is one field of {@link ZdmSettingFields}, where the keys are declared
 * with their defaults, allowed values and docs; docs/configuration.md lists them.
 *
 * <p>Set values in code with
 * {@code Flyway.configure().getPluginRegister().getExact(ZdmConfigurationExtension.class).setEnabled("false")}
 * or, simpler, {@code .configuration(Map.of("flyway.zdm.enabled", "false"))}. Every value is checked when a Flyway
 * command connects, before anything is applied ({@link dev.zdm.flyway.api.ZdmConfigurationException}).
 */
public class ZdmConfigurationExtension extends ZdmSettingFields {

    @Override
    @JsonIgnore
    public String getNamespace() {
        return "zdm";
    }

    @Override
    public String getConfigurationParameterFromEnvironmentVariable(String environmentVariable) {
        return SettingKeys.fromEnvironmentVariable(environmentVariable);
    }
}
