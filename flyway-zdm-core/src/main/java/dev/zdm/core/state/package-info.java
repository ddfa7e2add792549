/**
 * The extension's own state in the database: every {@code zdm_} table (its DDL, its version and the forward
 * migrations between versions), the one check for "does this table exist", the advisory-lock classes and the id
 * conventions. Free of Flyway types: the schema is handed in (for Flyway, the schema of flyway_schema_history).
 */
package dev.zdm.core.state;
