package dev.zdm.core.lint;

import dev.zdm.core.sql.Directive;
import dev.zdm.core.sql.SqlScript;
import dev.zdm.core.sql.SqlStatement;
import java.util.List;

/**
 * {@code -- zdm:ignore ZDM101 <reason>} directly above a statement (or after it on the same line)
 * silences that rule for the statement; at the top of the file, followed by a blank line (or written
 * {@code -- zdm:ignore-file ZDM101 <reason>}), for the whole file. {@code all} silences every rule.
 */
final class Suppressions {
    private Suppressions() {
    }

    static boolean suppressed(Finding finding, SqlScript script) {
        if (matches(script.fileDirectives(), finding.ruleId())) {
            return true;
        }
        for (SqlStatement s : script.statements()) {
            if (s.line() == finding.line() && s.column() == finding.column()) {
                return matches(s.directives(), finding.ruleId());
            }
        }
        return false;
    }

    private static boolean matches(List<Directive> directives, String ruleId) {
        for (Directive d : directives) {
            if (d.is("ignore") && (d.ruleIds().contains(ruleId) || d.words().stream().findFirst().filter("all"::equalsIgnoreCase).isPresent())) {
                return true;
            }
        }
        return false;
    }
}
