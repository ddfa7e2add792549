package dev.zdm.core.report;

import dev.zdm.core.lint.Finding;
import dev.zdm.core.lint.FindingLock;
import dev.zdm.core.lint.LintResult;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code {"findings":[{"ruleId","severity","file","line","column","statement","message","fix","locks":[...]}...],
 * "statements":n,"files":n}}, plus {@code suppressed} and {@code baselined} counts.
 */
public final class JsonReport {
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonReport() {
    }

    public static String render(LintResult result) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode findings = root.putArray("findings");
        for (Finding f : result.findings()) {
            ObjectNode n = findings.addObject();
            n.put("ruleId", f.ruleId());
            n.put("severity", f.severity().id());
            n.put("file", f.file());
            n.put("line", f.line());
            n.put("column", f.column());
            n.put("statement", f.statement());
            n.put("message", f.message());
            n.put("fix", f.fix());
            locks(n.putArray("locks"), f);
        }
        root.put("statements", result.statements());
        root.put("files", result.files());
        root.put("suppressed", result.suppressed());
        root.put("baselined", result.baselined());
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /** {@code [{"relation","mode","blocksReads","blocksWrites","heldSince"}]}: the locks in force during the statement. */
    static void locks(ArrayNode out, Finding f) {
        for (FindingLock l : f.locks()) {
            ObjectNode n = out.addObject();
            n.put("relation", l.relation().display());
            n.put("mode", l.mode().sql());
            n.put("blocksReads", l.blocksReads());
            n.put("blocksWrites", l.blocksWrites());
            if (l.heldSince() > 0) {
                n.put("heldSince", l.heldSince());
            }
        }
    }
}
