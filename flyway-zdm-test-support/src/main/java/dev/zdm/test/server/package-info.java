/**
 * How flyway-zdm's own tests find or start a PostgreSQL server.
 *
 * <p><b>Not part of the public API; may change without notice.</b>
 */
package dev.zdm.test.server;
