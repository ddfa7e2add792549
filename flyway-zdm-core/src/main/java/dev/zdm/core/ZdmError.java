package dev.zdm.core;

/**
 * Implemented by every exception flyway-zdm throws on purpose: the one root to catch. It is an interface, not a
 * superclass, because some of these exceptions must stay {@link java.sql.SQLException}s (Flyway shows an
 * SQLException's message for Java migrations) and others Flyway's {@code FlywayException}s.
 */
public interface ZdmError {

    /** What went wrong, stable across versions. */
    ZdmErrorCode code();
}
