/**
 * One package-private class per lint rule; reach them through {@link dev.zdm.core.lint.Rules}
 * ({@link dev.zdm.core.lint.rules.RuleSet} is public only for it).
 *
 * <p><b>Not part of the public API; may change without notice.</b>
 */
package dev.zdm.core.lint.rules;
