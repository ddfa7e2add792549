package dev.zdm.core.phase.drain;

import dev.zdm.core.text.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Source {@code soak}: has the configured time passed since the expand finished? */
final class SoakEvidence {
    static final String SETTING = "flyway.zdm.drain.soak";

    private SoakEvidence() {
    }

    static EvidenceItem evaluate(DrainPolicy policy, DrainSubject subject, Instant now) {
        Duration soak = policy.soak();
        if (soak == null) {
            return new EvidenceItem(EvidenceItem.SOAK, EvidenceStatus.NOT_CONFIGURED, "no soak time configured",
                    "set " + SETTING + " (e.g. 30m) to the time the old instances need to be gone after the expand");
        }
        String expand = ExpandNames.migration(subject);
        if (subject.expandFinishedAt() == null) {
            return new EvidenceItem(EvidenceItem.SOAK, EvidenceStatus.MISSING, "when " + expand + " finished is not known",
                    ConfirmationEvidence.confirm(subject));
        }
        Duration elapsed = Duration.between(subject.expandFinishedAt(), now);
        if (elapsed.isNegative()) {
            elapsed = Duration.ZERO;
        }
        String since = Durations.format(elapsed.truncatedTo(ChronoUnit.SECONDS)) + " of " + Durations.format(soak) + " since "
                + expand + " finished at " + subject.expandFinishedAt().truncatedTo(ChronoUnit.SECONDS);
        if (elapsed.compareTo(soak) >= 0) {
            return new EvidenceItem(EvidenceItem.SOAK, EvidenceStatus.HOLDS, since, null);
        }
        Duration left = soak.minus(elapsed);
        // Round the wait up to whole seconds: "wait 0ms more" reads like a bug.
        Duration leftRounded = left.truncatedTo(ChronoUnit.SECONDS).plusSeconds(left.toMillis() % 1000 == 0 ? 0 : 1);
        return new EvidenceItem(EvidenceItem.SOAK, EvidenceStatus.MISSING, since,
                "wait " + Durations.format(leftRounded) + " more, or " + ConfirmationEvidence.confirm(subject));
    }
}
