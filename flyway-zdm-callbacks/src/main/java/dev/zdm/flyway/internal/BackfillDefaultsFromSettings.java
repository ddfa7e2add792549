package dev.zdm.flyway.internal;

import dev.zdm.core.backfill.BackfillDefaults;

/**
 * The engine's {@link BackfillDefaults} of a run, from {@code flyway.zdm.backfill.*} and {@code flyway.zdm.resumeEdited}.
 * The values were range-checked when the settings were read, so they are taken as they are.
 */
public final class BackfillDefaultsFromSettings {
    private BackfillDefaultsFromSettings() {
    }

    public static BackfillDefaults of(ZdmSettings settings) {
        ZdmSettings.Backfill backfill = settings.backfill();
        return BackfillDefaults.standard()
                .withTargetBatchDuration(backfill.targetBatchDuration())
                .withLockTimeout(backfill.lockTimeout())
                .withStatementTimeout(backfill.statementTimeout())
                .withMaxReplicationLag(backfill.maxReplicationLag())
                .withMaxRetries(backfill.maxRetries())
                .withProgressInterval(backfill.progressInterval())
                .withRestartChangedStatement(settings.rerunEdited());
    }
}
