/**
 * flyway-zdm's PostgreSQL statement reader (splitter, lexer, statement model, {@code -- zdm:} directives) and
 * {@link dev.zdm.core.sql.Identifiers}, through which every identifier is quoted. Used by the linter and the runner.
 *
 * <p><b>Not part of the public API; may change without notice.</b>
 */
package dev.zdm.core.sql;
