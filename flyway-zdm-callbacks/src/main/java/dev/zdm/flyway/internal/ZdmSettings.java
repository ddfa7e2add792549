package dev.zdm.flyway.internal;

import dev.zdm.core.text.DidYouMean;
import dev.zdm.core.text.Durations;
import dev.zdm.flyway.Setting;
import dev.zdm.flyway.ZdmConfigurationExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * The validated {@code flyway.zdm.*} settings of one Flyway configuration: every key known, every value
 * readable, defaults applied. Built once per command at the first callback; a problem is reported as a
 * {@link ZdmConfigurationException} naming the key, the value and the valid choices.
 */
public final class ZdmSettings {
    private final Map<String, String> effective;

    private ZdmSettings(Map<String, String> effective) {
        this.effective = effective;
    }

    /** Reads and validates the settings of a Flyway configuration. */
    public static ZdmSettings of(Configuration configuration) {
        ZdmConfigurationExtension extension = configuration.getPluginRegister().getExact(ZdmConfigurationExtension.class);
        ZdmKeyAudit audit = configuration.getPluginRegister().getExact(ZdmKeyAudit.class);
        return of(extension, audit == null ? Map.of() : audit.seenKeys());
    }

    static ZdmSettings of(ZdmConfigurationExtension extension, Map<String, String> seenKeys) {
        rejectUnknown(seenKeys.keySet());
        Map<String, String> effective = new LinkedHashMap<>();
        for (SettingKey key : SettingKeys.all()) {
            Object raw = extension == null ? null : key.rawValue(extension);
            String value = raw == null || String.valueOf(raw).isBlank() ? key.setting().defaultValue() : String.valueOf(raw).trim();
            check(key, value);
            effective.put(key.path(), value);
        }
        return new ZdmSettings(effective);
    }

    public boolean enabled() {
        return bool("enabled");
    }

    public boolean bool(String path) {
        return Boolean.parseBoolean(value(path, Setting.Kind.BOOLEAN));
    }

    public long count(String path) {
        return Long.parseLong(value(path, Setting.Kind.COUNT));
    }

    public Duration duration(String path) {
        return parseDuration(value(path, Setting.Kind.DURATION));
    }

    public String choice(String path) {
        return value(path, Setting.Kind.CHOICE).toLowerCase(Locale.ROOT);
    }

    public String text(String path) {
        return value(path, Setting.Kind.TEXT);
    }

    /** The effective value as written (default applied), for messages: {@code 200ms}. */
    public String shown(String path) {
        SettingKeys.byPath(path).orElseThrow(() -> new IllegalArgumentException("no flyway.zdm setting " + path));
        return effective.get(path);
    }

    /** {@code enabled=true, lockTimeout=500ms, ...}: every setting with its effective value, for the start-up line. */
    public String summary() {
        return effective.entrySet().stream()
                .map(e -> e.getKey() + "=" + (e.getValue().isEmpty() ? "(none)" : e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private String value(String path, Setting.Kind kind) {
        SettingKey key = SettingKeys.byPath(path)
                .orElseThrow(() -> new IllegalArgumentException("no flyway.zdm setting " + path));
        if (key.setting().kind() != kind) {
            throw new IllegalArgumentException("flyway.zdm." + path + " is a " + key.setting().kind() + " setting, not " + kind);
        }
        return effective.get(path);
    }

    private static void rejectUnknown(Iterable<String> seen) {
        List<String> unknown = new ArrayList<>();
        for (String path : seen) {
            if (SettingKeys.byPath(path).isEmpty()) {
                unknown.add(path);
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder();
        for (String path : unknown) {
            message.append("Unknown flyway-zdm setting: flyway.zdm.").append(path);
            closest(path).ifPresent(k -> message.append(". Did you mean ").append(k.fullName()).append("?"));
            message.append('\n');
        }
        message.append("Valid settings (as environment variables: FLYWAY_ZDM_ and the key in upper snake case):\n");
        SettingKeys.all().forEach(k -> message.append("  ").append(k.describe()).append(" - ").append(k.setting().doc()).append('\n'));
        message.append("Fix or remove the key in your Flyway configuration (flyway.conf, Maven <pluginConfiguration> or "
                + "properties, -Dflyway.zdm.*, FLYWAY_ZDM_* environment variables, or configuration(Map)).");
        throw new ZdmConfigurationException(message.toString());
    }

    private static Optional<SettingKey> closest(String path) {
        return DidYouMean.closest(path, SettingKeys.all().stream().map(SettingKey::path).toList()).flatMap(SettingKeys::byPath);
    }

    private static void check(SettingKey key, String value) {
        if (value.isEmpty()) {
            return;
        }
        Setting s = key.setting();
        String problem = switch (s.kind()) {
            case BOOLEAN -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false") ? null : "must be true or false";
            case COUNT -> value.matches("\\d{1,18}") ? null : "must be a whole number (0 or more)";
            case DURATION -> Durations.isDuration(value) ? null : "must be " + Durations.EXPECTED;
            case CHOICE -> Arrays.stream(s.choices()).anyMatch(c -> c.equalsIgnoreCase(value)) ? null
                    : "must be one of " + String.join(", ", s.choices());
            case TEXT -> null;
        };
        if (problem != null) {
            throw new ZdmConfigurationException("Invalid value for " + key.fullName() + ": '" + value + "' " + problem
                    + ". " + key.fullName() + ": " + s.doc());
        }
    }

    static Duration parseDuration(String value) {
        return value.isEmpty() ? null : Durations.parse(value);
    }
}
