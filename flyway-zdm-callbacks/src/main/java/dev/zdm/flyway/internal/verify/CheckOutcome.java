package dev.zdm.flyway.internal.verify;

import dev.zdm.core.report.Outcome;
import dev.zdm.flyway.internal.verify.VerifyReport.Problem;
import java.util.List;

/**
 * What one check found.
 *
 * @param outcome  passed, failed (there are problems) or unknown (nothing could answer it)
 * @param evidence what it looked at, in one line ({@code 2 NOT VALID constraints in public}), shown in every case
 * @param problems what fails the check; for an unknown check, what would answer it
 */
public record CheckOutcome(Outcome outcome, String evidence, List<Problem> problems) {
    public CheckOutcome {
        problems = List.copyOf(problems);
    }

    /** Failed when there are problems, else passed. */
    public CheckOutcome(String evidence, List<Problem> problems) {
        this(problems.isEmpty() ? Outcome.PASSED : Outcome.FAILED, evidence, problems);
    }

    public static CheckOutcome passed(String evidence) {
        return new CheckOutcome(Outcome.PASSED, evidence, List.of());
    }

    /** Nothing could answer the check; {@code howToAnswer} says what would. It does not fail the goal. */
    public static CheckOutcome unknown(String evidence, Problem howToAnswer) {
        return new CheckOutcome(Outcome.UNKNOWN, evidence, List.of(howToAnswer));
    }
}
