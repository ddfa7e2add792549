package dev.zdm.core.phase.drain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoakAndConfirmationTest {
    private static final Instant FINISHED = Instant.parse("2026-12-01T19:00:00Z");

    private static DrainSubject subject(String expandVersion, Instant finished) {
        return new DrainSubject(expandVersion, finished, "V7__drop_name.sql", List.of(), null);
    }

    private static EvidenceItem soak(Duration soak, Instant now) {
        return SoakEvidence.evaluate(new DrainPolicy(List.of(), soak, null), subject("5", FINISHED), now);
    }

    private static EvidenceItem confirmation(String confirmed, String expandVersion) {
        return ConfirmationEvidence.evaluate(new DrainPolicy(List.of(), null, confirmed), subject(expandVersion, FINISHED));
    }

    @Test
    void soakHoldsOnceElapsed() {
        EvidenceItem item = soak(Duration.ofMinutes(30), FINISHED.plus(Duration.ofMinutes(30)));
        assertThat(item.status()).isEqualTo(EvidenceStatus.HOLDS);
        assertThat(item.detail()).isEqualTo("30m of 30m since V5 finished at 2026-12-01T19:00:00Z");
        assertThat(item.howToProvide()).isNull();
        assertThat(soak(Duration.ofMinutes(30), FINISHED.plus(Duration.ofHours(3))).status()).isEqualTo(EvidenceStatus.HOLDS);
    }

    @Test
    void soakIsMissingUntilThenAndSaysHowLongToWait() {
        EvidenceItem item = soak(Duration.ofMinutes(30), FINISHED.plus(Duration.ofMinutes(12)).plusMillis(300));
        assertThat(item.status()).isEqualTo(EvidenceStatus.MISSING);
        assertThat(item.detail()).isEqualTo("12m of 30m since V5 finished at 2026-12-01T19:00:00Z");
        assertThat(item.howToProvide()).isEqualTo("wait 18m more, or -Dzdm.confirmDrained=5");
        assertThat(soak(Duration.ofMinutes(30), FINISHED.minusSeconds(5)).detail()).as("a clock behind the database")
                .startsWith("0ms of 30m");
    }

    @Test
    void soakNotConfiguredOrWithoutAFinishTime() {
        EvidenceItem none = soak(null, FINISHED);
        assertThat(none.status()).isEqualTo(EvidenceStatus.NOT_CONFIGURED);
        assertThat(none.howToProvide()).contains("flyway.zdm.drain.soak");
        EvidenceItem unknown = SoakEvidence.evaluate(new DrainPolicy(List.of(), Duration.ofMinutes(30), null), subject("5", null), FINISHED);
        assertThat(unknown.status()).isEqualTo(EvidenceStatus.MISSING);
        assertThat(unknown.detail()).isEqualTo("when V5 finished is not known");
    }

    @Test
    void confirmationOfTheExpandVersionOrANewerOneHolds() {
        assertThat(confirmation("5", "5").status()).isEqualTo(EvidenceStatus.HOLDS);
        assertThat(confirmation("V5.0", "5").status()).as("V prefix, trailing zero part").isEqualTo(EvidenceStatus.HOLDS);
        EvidenceItem newer = confirmation("5.10", "5.9");
        assertThat(newer.status()).as("numeric order, not text order").isEqualTo(EvidenceStatus.HOLDS);
        assertThat(newer.detail()).isEqualTo("the operator confirmed that no instance older than V5.10 runs "
                + "(-Dzdm.confirmDrained=5.10), which covers V5.9");
    }

    @Test
    void anOlderConfirmationSaysWhichVersionItNamesAndWhichMustBeConfirmed() {
        EvidenceItem older = confirmation("5.9", "5.10");
        assertThat(older.status()).isEqualTo(EvidenceStatus.MISSING);
        assertThat(older.detail()).isEqualTo("-Dzdm.confirmDrained=5.9 confirms V5.9, older than V5.10, the expand the old "
                + "code predates: V5.10 must be confirmed");
        assertThat(older.howToProvide()).isEqualTo("-Dzdm.confirmDrained=5.10");
    }

    @Test
    void aMissingOrUnreadableConfirmationIsMissing() {
        EvidenceItem missing = confirmation(null, "5");
        assertThat(missing.status()).isEqualTo(EvidenceStatus.MISSING);
        assertThat(missing.detail()).isEqualTo("no operator confirmation given");
        assertThat(missing.howToProvide()).isEqualTo("-Dzdm.confirmDrained=5 once no instance older than V5 runs");
        EvidenceItem garbage = confirmation("yes", "5");
        assertThat(garbage.status()).isEqualTo(EvidenceStatus.MISSING);
        assertThat(garbage.detail()).isEqualTo("-Dzdm.confirmDrained=yes is not a Flyway version");
    }
}
