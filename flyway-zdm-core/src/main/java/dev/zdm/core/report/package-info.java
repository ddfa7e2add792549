/**
 * Lint reports: text, JSON, Markdown and SARIF renderings of a {@link dev.zdm.core.lint.LintResult}.
 */
package dev.zdm.core.report;
