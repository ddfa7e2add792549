/**
 * Reports: text, JSON, Markdown and SARIF renderings of a {@link dev.zdm.core.lint.LintResult}, and the model the
 * lint, {@code zdm:verify} and {@code zdm:checklist} reports share: where a finding is ({@link dev.zdm.core.report.Location}:
 * a migration line or a database object), its {@link dev.zdm.core.report.Outcome} ({@code [x]}/{@code [ ]}/{@code [?]}),
 * and the lines that render them ({@link dev.zdm.core.report.TaskList}).
 */
package dev.zdm.core.report;
