package dev.zdm.core.state;

import java.time.Instant;

/**
 * The row of {@value StateTables#STATE_VERSION}.
 *
 * @param schemaVersion the layout of the extension's tables (see {@link StateMigrations})
 * @param writtenBy     the flyway-zdm version that last upgraded them ({@code dev} when run from classes)
 * @param updatedAt     when
 */
public record StateVersion(int schemaVersion, String writtenBy, Instant updatedAt) {
}
