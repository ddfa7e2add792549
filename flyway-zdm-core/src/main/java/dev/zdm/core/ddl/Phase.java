package dev.zdm.core.ddl;

/**
 * When a step of an {@link Operation} may run. For the phases engine: an expand step adds and keeps the schema
 * working for the application version before the change (a NOT VALID constraint, a concurrently built index); a
 * contract step finishes the change once only the new version runs (SET NOT NULL, dropping a helper). {@link SafeDdl}
 * runs both in one go.
 */
public enum Phase {
    EXPAND,
    CONTRACT
}
