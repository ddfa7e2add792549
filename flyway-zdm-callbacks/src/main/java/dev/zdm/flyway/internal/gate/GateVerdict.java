package dev.zdm.flyway.internal.gate;

import dev.zdm.core.lint.Finding;
import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.LintResult;
import dev.zdm.core.lint.Severity;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Adjusts static findings to the database the migrations will really meet: a finding whose harm depends on
 * the table is played down to info when the table does not exist yet, is created by a pending migration of
 * this run, or (for locking findings) is smaller than {@code smallTableRows}. The size goes into the message.
 */
final class GateVerdict {
    private GateVerdict() {
    }

    static LintResult adjust(LintResult result, LiveCatalog catalog, long smallTableRows) throws SQLException {
        List<Finding> adjusted = new ArrayList<>();
        for (Finding f : result.findings()) {
            adjusted.add(adjust(f, result, catalog, smallTableRows));
        }
        return result.withFindings(adjusted);
    }

    private static Finding adjust(Finding f, LintResult result, LiveCatalog catalog, long smallTableRows) throws SQLException {
        if (f.relation() == null || f.impact() == Impact.ALWAYS) {
            return f;
        }
        String name = f.relation().display();
        Optional<String> creator = result.fileCreatingBefore(f);
        if (creator.isPresent()) {
            return f.withSeverity(Severity.INFO, f.message() + " [" + name + " is created by " + creator.get()
                    + " in this run: nothing uses it yet]");
        }
        TableSize size = catalog.size(f.relation());
        if (!size.exists()) {
            return f.withSeverity(Severity.INFO, f.message() + " [" + name + " does not exist in the database yet]");
        }
        boolean harmless = switch (f.impact()) {
            case LOCKING -> size.rows() < smallTableRows;
            case NONEMPTY -> size.rows() == 0;
            default -> false;
        };
        if (harmless) {
            String why = f.impact() == Impact.NONEMPTY ? "it is empty" : "below flyway.zdm.lint.smallTableRows=" + smallTableRows;
            return f.withSeverity(Severity.INFO, f.message() + " [" + name + " has " + size.describe() + ", " + why + "]");
        }
        return f.withSeverity(f.severity(), f.message() + " [" + name + " has " + size.describe() + "]");
    }
}
