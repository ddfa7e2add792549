package dev.zdm.core.lint;

import dev.zdm.core.phase.PhaseMode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How to lint: the PostgreSQL major version the migrations will meet, whether they run under the
 * flyway-zdm runner, per-rule overrides, and the first version that is not yet in production.
 *
 * @param postgresVersion the target major version ({@link #DEFAULT_POSTGRES_VERSION} when unknown)
 * @param assumeRunner    true when migrations run with flyway-zdm's runner, which sets lock_timeout itself
 * @param ruleSettings    per rule id: {@code off}, {@code info}, {@code warning} or {@code error}
 * @param since           migrations older than this version are in production already and are not
 *                        reported (they are still read, to know the schema); null lints everything
 * @param phases          how a migration without {@code -- zdm:phase=} is treated: {@link PhaseMode#STRICT} treats
 *                        one with a breaking statement as a contract migration (setting {@code flyway.zdm.phases})
 */
public record LintConfig(int postgresVersion, boolean assumeRunner, Map<String, String> ruleSettings, String since,
                         PhaseMode phases) {

    /** The newest major flyway-zdm supports; used when neither a setting nor a connection says otherwise. */
    public static final int DEFAULT_POSTGRES_VERSION = 18;

    public LintConfig {
        Map<String, String> normal = new TreeMap<>();
        ruleSettings.forEach((k, v) -> normal.put(k.trim().toUpperCase(Locale.ROOT), v.trim().toLowerCase(Locale.ROOT)));
        for (Map.Entry<String, String> e : normal.entrySet()) {
            if (!e.getValue().matches("off|info|warning|error")) {
                throw new IllegalArgumentException("rule setting " + e.getKey() + ":" + e.getValue()
                        + " must be off, info, warning or error");
            }
        }
        ruleSettings = Map.copyOf(normal);
        since = since == null || since.isBlank() ? null : since.trim();
        phases = phases == null ? PhaseMode.DECLARED : phases;
    }

    public static LintConfig defaults() {
        return new LintConfig(DEFAULT_POSTGRES_VERSION, true, Map.of(), null, PhaseMode.DECLARED);
    }

    public LintConfig withPostgresVersion(int version) {
        return new LintConfig(version, assumeRunner, ruleSettings, since, phases);
    }

    public LintConfig withAssumeRunner(boolean value) {
        return new LintConfig(postgresVersion, value, ruleSettings, since, phases);
    }

    public LintConfig withRuleSettings(Map<String, String> settings) {
        return new LintConfig(postgresVersion, assumeRunner, settings, since, phases);
    }

    public LintConfig withSince(String version) {
        return new LintConfig(postgresVersion, assumeRunner, ruleSettings, version, phases);
    }

    public LintConfig withPhases(PhaseMode mode) {
        return new LintConfig(postgresVersion, assumeRunner, ruleSettings, since, mode);
    }

    public boolean enabled(String ruleId) {
        return !"off".equals(ruleSettings.get(ruleId));
    }

    /** The configured severity of a rule, when one is set. */
    public Optional<Severity> severityOverride(String ruleId) {
        String v = ruleSettings.get(ruleId);
        return v == null || v.equals("off") ? Optional.empty() : Optional.of(Severity.parse(v));
    }

    /**
     * Reads {@code ZDM101:off,ZDM120:warning} (commas, semicolons or whitespace between entries; {@code =} also
     * accepted in place of {@code :}). Unknown rule ids are reported.
     */
    public static Map<String, String> parseRuleSettings(String text) {
        Map<String, String> out = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String entry : text.trim().split("[,;\\s]+")) {
            String[] parts = entry.split("[:=]", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("'" + entry + "' is not RULE:LEVEL (for example ZDM101:off or ZDM120:warning)");
            }
            String id = parts[0].trim().toUpperCase(Locale.ROOT);
            if (Rules.byId(id).isEmpty()) {
                throw new IllegalArgumentException("unknown rule " + id + " in '" + entry + "'; rules are "
                        + String.join(", ", Rules.all().stream().map(Rule::id).toList()));
            }
            out.put(id, parts[1].trim().toLowerCase(Locale.ROOT));
        }
        new LintConfig(DEFAULT_POSTGRES_VERSION, true, out, null, PhaseMode.DECLARED);
        return out;
    }
}
