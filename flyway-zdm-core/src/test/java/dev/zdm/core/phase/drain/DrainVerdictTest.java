package dev.zdm.core.phase.drain;

import static dev.zdm.core.phase.drain.EvidenceStatus.AGAINST;
import static dev.zdm.core.phase.drain.EvidenceStatus.HOLDS;
import static dev.zdm.core.phase.drain.EvidenceStatus.MISSING;
import static dev.zdm.core.phase.drain.EvidenceStatus.NOT_CONFIGURED;
import static dev.zdm.core.phase.drain.EvidenceStatus.UNAVAILABLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrainVerdictTest {

    private static DrainVerdict verdict(EvidenceStatus sessions, EvidenceStatus statements, EvidenceStatus soak,
                                        EvidenceStatus confirmation) {
        return new DrainVerdict(List.of(
                item(EvidenceItem.SESSIONS, sessions), item(EvidenceItem.STATEMENTS, statements),
                item(EvidenceItem.SOAK, soak), item(EvidenceItem.CONFIRMATION, confirmation)));
    }

    private static EvidenceItem item(String source, EvidenceStatus status) {
        return new EvidenceItem(source, status, source + " said " + status, status == HOLDS ? null : "provide " + source);
    }

    @Test
    void drainedWhenSoakOrConfirmationHoldsAndNothingSpeaksAgainst() {
        assertThat(verdict(NOT_CONFIGURED, UNAVAILABLE, HOLDS, MISSING).drained()).isTrue();
        assertThat(verdict(HOLDS, HOLDS, NOT_CONFIGURED, HOLDS).drained()).isTrue();
        assertThat(verdict(HOLDS, MISSING, MISSING, HOLDS).drained()).isTrue();
    }

    @Test
    void sessionsAndStatementsAloneNeverDrain() {
        DrainVerdict verdict = verdict(HOLDS, HOLDS, MISSING, MISSING);
        assertThat(verdict.drained()).isFalse();
        assertThat(verdict.missing()).extracting(EvidenceItem::source).containsExactly("soak", "confirmation");
    }

    @Test
    void anyItemAgainstKeepsItFromDrainingAndIsWhatIsMissing() {
        DrainVerdict verdict = verdict(AGAINST, HOLDS, HOLDS, HOLDS);
        assertThat(verdict.drained()).isFalse();
        assertThat(verdict.missing()).extracting(EvidenceItem::source).containsExactly("sessions");
        assertThat(verdict(HOLDS, AGAINST, MISSING, NOT_CONFIGURED).missing()).extracting(EvidenceItem::source)
                .containsExactly("statements", "soak", "confirmation");
        assertThat(verdict(HOLDS, HOLDS, HOLDS, MISSING).missing()).isEmpty();
    }

    @Test
    void jsonHoldsPlainValuesAndReadsBack() {
        DrainVerdict verdict = verdict(AGAINST, NOT_CONFIGURED, HOLDS, MISSING);
        Map<String, Object> json = verdict.toJson();
        assertThat(json).containsEntry("drained", false);
        assertThat((List<?>) json.get("items")).first().isEqualTo(Map.of("source", "sessions", "status", "against",
                "detail", "sessions said AGAINST", "howToProvide", "provide sessions"));
        assertThat((List<?>) json.get("items")).element(2).isEqualTo(Map.of("source", "soak", "status", "holds",
                "detail", "soak said HOLDS"));
        assertThat(DrainVerdict.fromJson(json)).isEqualTo(verdict);
    }

    @Test
    void describeStatesTheOutcomeThenOneLinePerSource() {
        String text = verdict(AGAINST, UNAVAILABLE, MISSING, MISSING).describe();
        assertThat(text.lines().toList()).containsExactly(
                "not drained: old application instances are still at work",
                "  sessions: AGAINST - sessions said AGAINST; to provide: provide sessions",
                "  statements: UNAVAILABLE - statements said UNAVAILABLE; to provide: provide statements",
                "  soak: MISSING - soak said MISSING; to provide: provide soak",
                "  confirmation: MISSING - confirmation said MISSING; to provide: provide confirmation");
        assertThat(verdict(HOLDS, HOLDS, MISSING, MISSING).describe())
                .startsWith("not drained: needs the soak time or an operator confirmation");
        assertThat(verdict(HOLDS, HOLDS, HOLDS, HOLDS).describe())
                .startsWith("drained: the soak time and the operator confirmation hold and no evidence speaks against it");
        assertThat(verdict(HOLDS, HOLDS, HOLDS, MISSING).describe())
                .startsWith("drained: the soak time holds and no evidence speaks against it");
    }

    @Test
    void aBaselineReadBackFromJsonHasLongCalls() {
        assertThat(StatementActivity.baselineFromJson(Map.of("-42", 3, "7", 5_000_000_000L, "8", "12")))
                .isEqualTo(Map.of("-42", 3L, "7", 5_000_000_000L, "8", 12L));
    }
}
