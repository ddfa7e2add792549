/**
 * The test harness of flyway-zdm's own tests: {@code @PostgresTest} and a fresh database per test class.
 *
 * <p><b>Not part of the public API; may change without notice.</b>
 */
package dev.zdm.test;
