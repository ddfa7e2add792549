/**
 * The only code that touches Flyway's internal classes (the PostgreSQL database type, parser and execution
 * strategy), pinned by FlywayInternalsContractTest.
 *
 * <p><b>Not part of the public API; may change without notice.</b>
 */
package dev.zdm.flyway.internal.adapter;
