package dev.zdm.core.report;

import dev.zdm.core.lint.Finding;
import dev.zdm.core.lint.LintResult;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Rules;
import dev.zdm.core.lint.Severity;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** SARIF 2.1.0 for code scanning: one run, every rule described, one result per finding. */
public final class SarifReport {
    private SarifReport() {
    }

    public static String render(LintResult result) {
        ObjectNode root = JsonReport.MAPPER.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "flyway-zdm");
        ArrayNode rules = driver.putArray("rules");
        List<Rule> all = Rules.all();
        for (Rule rule : all) {
            ObjectNode r = rules.addObject();
            r.put("id", rule.id());
            r.put("name", rule.name());
            r.putObject("shortDescription").put("text", rule.summary());
            r.putObject("fullDescription").put("text", rule.why());
            ObjectNode help = r.putObject("help");
            help.put("text", rule.safeRewrite());
            help.put("markdown", rule.safeRewrite());
            r.putObject("defaultConfiguration").put("level", level(rule.defaultSeverity()));
        }
        ArrayNode results = run.putArray("results");
        for (Finding f : result.findings()) {
            ObjectNode r = results.addObject();
            r.put("ruleId", f.ruleId());
            int index = indexOf(all, f.ruleId());
            if (index >= 0) {
                r.put("ruleIndex", index);
            }
            r.put("level", level(f.severity()));
            r.putObject("message").put("text", f.message() + "\nFix:\n" + f.fix());
            ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", result.paths().getOrDefault(f.file(), f.file()));
            ObjectNode region = physical.putObject("region");
            region.put("startLine", f.line());
            region.put("startColumn", f.column());
            JsonReport.locks(r.putObject("properties").putArray("locks"), f);
            r.putObject("partialFingerprints").put("zdmStatement/v1", f.ruleId() + ":" + f.file() + ":"
                    + Integer.toHexString(f.statement().strip().replaceAll("\\s+", " ").hashCode()));
        }
        return JsonReport.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    private static int indexOf(List<Rule> rules, String id) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
