package dev.zdm.flyway.internal.gate;

import dev.zdm.core.lint.Finding;
import dev.zdm.core.lint.LintResult;
import dev.zdm.core.lint.MigrationVersion;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Rules;
import dev.zdm.core.text.DidYouMean;
import dev.zdm.flyway.api.ZdmConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Findings accepted by configuration, without editing the migration (which would change Flyway's checksum of
 * an applied file): {@code flyway.zdm.lint.accept=ZDM101@V12:orders has 2k rows;ZDM120@V13:column unused since 3.2}.
 * Each entry is {@code RULE@MIGRATION:reason}: the rule id, the migration (its version {@code V12}, {@code 12}
 * or {@code 1.2}, or for a repeatable migration its file name), and a reason a reviewer reads (required).
 * Entries are separated by {@code ;} or by a comma followed by the next rule id, so a reason may contain commas.
 */
final class Acceptances {
    private static final Pattern ENTRY = Pattern.compile("\\s*([A-Za-z]+[0-9]+)\\s*@\\s*([^:\\s]+)\\s*(?::(.*))?", Pattern.DOTALL);
    private static final Pattern SEPARATOR = Pattern.compile("\\s*;\\s*|\\s*,\\s*(?=[A-Za-z]+[0-9]+\\s*@)");

    private record Acceptance(String entry, String ruleId, String migration, String reason) {
        boolean matches(Finding f) {
            return f.ruleId().equals(ruleId) && matchesMigration(f.file());
        }

        private boolean matchesMigration(String file) {
            if (file.equals(migration)) {
                return true;
            }
            MigrationVersion version = MigrationVersion.fromFileName(file);
            String wanted = migration.regionMatches(true, 0, "V", 0, 1) ? migration.substring(1) : migration;
            if (version.repeatable() || !wanted.matches("[0-9][0-9._]*")) {
                return false;
            }
            return version.compareTo(MigrationVersion.parse(wanted)) == 0;
        }
    }

    private final List<Acceptance> entries;

    private Acceptances(List<Acceptance> entries) {
        this.entries = entries;
    }

    static Acceptances none() {
        return new Acceptances(List.of());
    }

    /**
     * Reads the setting; an entry without a reason, or not of the form {@code RULE@MIGRATION:reason}, is a
     * configuration error (nothing applied).
     */
    static Acceptances parse(String text) {
        if (text == null || text.isBlank()) {
            return none();
        }
        List<Acceptance> out = new ArrayList<>();
        for (String entry : SEPARATOR.split(text.strip())) {
            if (entry.isBlank()) {
                continue;
            }
            Matcher m = ENTRY.matcher(entry);
            if (!m.matches()) {
                throw new ZdmConfigurationException("Invalid value for flyway.zdm.lint.accept: '" + entry.strip()
                        + "' is not RULE@MIGRATION:reason (for example ZDM101@V12:orders has 2k rows). Nothing was applied.");
            }
            String reason = m.group(3) == null ? "" : m.group(3).strip();
            if (reason.isEmpty()) {
                throw new ZdmConfigurationException("Invalid value for flyway.zdm.lint.accept: '" + entry.strip()
                        + "' has no reason; write why the finding is acceptable after a colon, e.g. " + m.group(1).toUpperCase(Locale.ROOT)
                        + "@" + m.group(2) + ":the table has 2k rows. Nothing was applied.");
            }
            out.add(new Acceptance(entry.strip(), m.group(1).toUpperCase(Locale.ROOT), m.group(2), reason));
        }
        return new Acceptances(List.copyOf(out));
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * The result without the accepted findings. Each accepted finding is logged with its reason through {@code info};
     * an entry naming an unknown rule, or matching no finding of the pending migrations, through {@code warn}.
     */
    LintResult apply(LintResult result, Consumer<String> info, Consumer<String> warn) {
        if (entries.isEmpty()) {
            return result;
        }
        List<Finding> kept = new ArrayList<>();
        boolean[] used = new boolean[entries.size()];
        for (Finding f : result.findings()) {
            int match = indexOf(f);
            if (match < 0) {
                kept.add(f);
            } else {
                used[match] = true;
                info.accept(f.location() + ": " + f.severity().id() + " " + f.ruleId() + " accepted by flyway.zdm.lint.accept ("
                        + entries.get(match).reason() + ")");
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            if (!used[i]) {
                warn.accept(unused(entries.get(i)));
            }
        }
        return result.withFindings(kept);
    }

    private int indexOf(Finding f) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).matches(f)) {
                return i;
            }
        }
        return -1;
    }

    private static String unused(Acceptance a) {
        if (Rules.byId(a.ruleId()).isEmpty()) {
            List<String> ids = Rules.all().stream().map(Rule::id).toList();
            return "flyway.zdm.lint.accept: '" + a.entry() + "' names no rule: " + a.ruleId() + " does not exist"
                    + DidYouMean.closest(a.ruleId(), ids).map(s -> " (did you mean " + s + "?)").orElse("")
                    + "; it accepts nothing. Rules: docs/rules.md.";
        }
        return "flyway.zdm.lint.accept: '" + a.entry() + "' matches no finding of the pending migrations (no " + a.ruleId()
                + " in migration " + a.migration() + "); remove it once that migration is applied everywhere, or check the rule and version.";
    }
}
