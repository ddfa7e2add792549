/**
 * The exceptions flyway-zdm throws through Flyway, each a {@link dev.zdm.core.ZdmError} with a stable
 * {@link dev.zdm.core.ZdmErrorCode} (docs/errors.md). Its own package so that the internal code that throws them
 * needs nothing from {@code dev.zdm.flyway}.
 */
package dev.zdm.flyway.api;
