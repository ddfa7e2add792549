/**
 * The migration linter: {@link dev.zdm.core.lint.Linter} checks SQL migrations against the rules of
 * {@link dev.zdm.core.lint.Rules} (docs/rules.md) and returns findings with their fixes.
 */
package dev.zdm.core.lint;
