package dev.zdm.flyway.internal;

import dev.zdm.core.text.DidYouMean;
import dev.zdm.core.text.Durations;
import dev.zdm.flyway.api.ZdmConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The raw {@code flyway.zdm.*} values of one configuration, checked against their declarations: every key known,
 * every value of its kind, within its range (zero only where it has a meaning, nothing above the declared maximum).
 * The one place that reads settings by key; {@link ZdmSettings} turns it into typed groups.
 */
final class SettingValues {
    private final SettingKeys keys;
    private final Map<String, String> effective;

    private SettingValues(SettingKeys keys, Map<String, String> effective) {
        this.keys = keys;
        this.effective = effective;
    }

    /** @throws ZdmConfigurationException for the first unknown key or unacceptable value */
    static SettingValues read(SettingsDeclaration declaration, Map<String, String> seenKeys) {
        SettingKeys keys = SettingKeys.of(declaration.getClass());
        rejectUnknown(keys, seenKeys.keySet());
        Map<String, String> effective = new LinkedHashMap<>();
        for (SettingKey key : keys.all()) {
            Object raw = key.rawValue(declaration);
            String value = raw == null || String.valueOf(raw).isBlank() ? key.setting().defaultValue() : String.valueOf(raw).trim();
            check(key, value);
            effective.put(key.path(), value);
        }
        return new SettingValues(keys, effective);
    }

    boolean bool(String path) {
        return Boolean.parseBoolean(value(path, Setting.Kind.BOOLEAN));
    }

    long count(String path) {
        return Long.parseLong(value(path, Setting.Kind.COUNT));
    }

    /** The duration, or null when the key is unset and has no default. */
    Duration duration(String path) {
        String value = value(path, Setting.Kind.DURATION);
        return value.isEmpty() ? null : Durations.parse(value);
    }

    String choice(String path) {
        return value(path, Setting.Kind.CHOICE).toLowerCase(Locale.ROOT);
    }

    String text(String path) {
        return value(path, Setting.Kind.TEXT);
    }

    /** {@code enabled=true, lockTimeout=500ms, ...}: every setting with its effective value, for the start-up line. */
    String summary() {
        return effective.entrySet().stream()
                .map(e -> e.getKey() + "=" + (e.getValue().isEmpty() ? "(none)" : e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** A value refused for a reason only the typed reading can see (a cross-key rule, a format of a text value). */
    ZdmConfigurationException invalid(String path, String value, String problem) {
        return invalid(keys.byPath(path).orElseThrow(), value, problem);
    }

    private static ZdmConfigurationException invalid(SettingKey key, String value, String problem) {
        return new ZdmConfigurationException("Invalid value for " + key.fullName() + ": '" + value + "' " + problem + ". "
                + key.fullName() + " (environment variable " + key.environmentVariable() + "): " + key.setting().doc());
    }

    private String value(String path, Setting.Kind kind) {
        SettingKey key = keys.byPath(path)
                .orElseThrow(() -> new IllegalArgumentException("no flyway.zdm setting " + path));
        if (key.setting().kind() != kind) {
            throw new IllegalArgumentException("flyway.zdm." + path + " is a " + key.setting().kind() + " setting, not " + kind);
        }
        return effective.get(path);
    }

    private static void rejectUnknown(SettingKeys keys, Iterable<String> seen) {
        List<String> unknown = new ArrayList<>();
        for (String path : seen) {
            if (keys.byPath(path).isEmpty()) {
                unknown.add(path);
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder();
        for (String path : unknown) {
            message.append("Unknown flyway-zdm setting: flyway.zdm.").append(path);
            closest(keys, path).ifPresent(k -> message.append(". Did you mean ").append(k.fullName()).append("?"));
            message.append('\n');
        }
        message.append("Valid settings (as environment variables: FLYWAY_ZDM_ and the key in upper snake case):\n");
        keys.all().forEach(k -> message.append("  ").append(k.describe()).append(" - ").append(k.summary()).append('\n'));
        message.append("Fix or remove the key in your Flyway configuration (flyway.conf, Maven <pluginConfiguration> or "
                + "properties, -Dflyway.zdm.*, FLYWAY_ZDM_* environment variables, or configuration(Map)).");
        throw new ZdmConfigurationException(message.toString());
    }

    private static Optional<SettingKey> closest(SettingKeys keys, String path) {
        return DidYouMean.closest(path, keys.all().stream().map(SettingKey::path).toList()).flatMap(keys::byPath);
    }

    private static void check(SettingKey key, String value) {
        if (value.isEmpty()) {
            return;
        }
        String problem = problem(key.setting(), value);
        if (problem != null) {
            throw invalid(key, value, problem + ". Allowed: " + key.allowed());
        }
    }

    private static String problem(Setting s, String value) {
        return switch (s.kind()) {
            case BOOLEAN -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false") ? null : "must be true or false";
            case COUNT -> {
                if (value.startsWith("-")) {
                    yield "is negative";
                }
                yield value.matches("\\d{1,18}") ? range(s, Long.parseLong(value), s.max().isEmpty() ? null : Long.parseLong(s.max()))
                        : "must be a whole number (0 or more)";
            }
            case DURATION -> {
                if (value.startsWith("-")) {
                    yield "is negative";
                }
                yield Durations.isDuration(value) ? range(s, Durations.parse(value).toMillis(), s.max().isEmpty() ? null
                        : Durations.parse(s.max()).toMillis()) : "must be " + Durations.EXPECTED;
            }
            case CHOICE -> Arrays.stream(s.choices()).anyMatch(c -> c.equalsIgnoreCase(value)) ? null
                    : "must be one of " + String.join(", ", s.choices());
            case TEXT -> null;
        };
    }

    private static String range(Setting s, long amount, Long max) {
        if (amount == 0 && !s.zeroAllowed()) {
            return "is refused: " + s.zero().replaceFirst("^refused: ", "").replace("`", "");
        }
        if (max != null && amount > max) {
            return "is more than the largest accepted value " + s.max() + ", which is likely a mistake";
        }
        return null;
    }
}
