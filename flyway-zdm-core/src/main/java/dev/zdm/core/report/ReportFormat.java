package dev.zdm.core.report;

import java.util.Locale;

/** The report formats: compiler-style text, JSON, Markdown (pull-request comments), SARIF 2.1.0 (code scanning). */
public enum ReportFormat {
    TEXT, JSON, MARKDOWN, SARIF;

    /** Reads {@code text}, {@code json}, {@code markdown} (or {@code md}), {@code sarif}. */
    public static ReportFormat parse(String word) {
        String w = word.trim().toLowerCase(Locale.ROOT);
        return switch (w) {
            case "text", "txt" -> TEXT;
            case "json" -> JSON;
            case "markdown", "md" -> MARKDOWN;
            case "sarif" -> SARIF;
            default -> throw new IllegalArgumentException("unknown report format '" + word + "': use text, json, markdown or sarif");
        };
    }

    /** Renders {@code result} in this format. */
    public String render(dev.zdm.core.lint.LintResult result) {
        return switch (this) {
            case TEXT -> TextReport.render(result);
            case JSON -> JsonReport.render(result);
            case MARKDOWN -> MarkdownReport.render(result);
            case SARIF -> SarifReport.render(result);
        };
    }
}
