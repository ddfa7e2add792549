package dev.zdm.flyway.internal.verify;

import dev.zdm.flyway.internal.verify.VerifyReport.Problem;
import java.util.List;

/**
 * What one check found.
 *
 * @param evidence what it looked at, in one line ({@code 2 NOT VALID constraints in public}), shown passed or failed
 * @param problems what fails the check; empty when it passed
 */
public record CheckOutcome(String evidence, List<Problem> problems) {
    public CheckOutcome {
        problems = List.copyOf(problems);
    }

    public static CheckOutcome passed(String evidence) {
        return new CheckOutcome(evidence, List.of());
    }
}
