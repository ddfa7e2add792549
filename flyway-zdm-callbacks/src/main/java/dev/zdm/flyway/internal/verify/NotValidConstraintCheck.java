package dev.zdm.flyway.internal.verify;

import dev.zdm.core.report.Location;
import dev.zdm.flyway.internal.verify.NotValidConstraints.NotValid;
import dev.zdm.flyway.internal.verify.VerifyReport.Problem;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** ZDV02: no constraint is left NOT VALID. */
final class NotValidConstraintCheck implements IntegrityCheck {
    @Override
    public String id() {
        return "ZDV02";
    }

    @Override
    public String name() {
        return "not-valid-constraint";
    }

    @Override
    public String summary() {
        return "Every constraint is validated";
    }

    @Override
    public String why() {
        return "Adding a CHECK, FOREIGN KEY (or, on PostgreSQL 18, NOT NULL) constraint NOT VALID is the safe first step: "
                + "it checks new writes only, without scanning the table under a strong lock. Until a later "
                + "VALIDATE CONSTRAINT runs, old rows may still break it, the planner cannot rely on it, and a SET NOT NULL "
                + "cannot use it to skip its scan. A constraint still NOT VALID after the migrations means the validation "
                + "step was forgotten or failed.";
    }

    @Override
    public String fix() {
        return "Run ALTER TABLE ... VALIDATE CONSTRAINT ... in a migration (it takes SHARE UPDATE EXCLUSIVE: reads and "
                + "writes go on). If old rows break it (see ZDV03), fix them first, in batches (-- zdm:batched).";
    }

    @Override
    public CheckOutcome run(VerifyContext context) throws SQLException {
        List<NotValid> notValid = ReadOnlyTransaction.run(context.connection(), context.statementTimeout(),
                c -> NotValidConstraints.read(c, context.schemas()));
        String schemas = String.join(", ", context.schemas());
        if (notValid.isEmpty()) {
            return CheckOutcome.passed("no NOT VALID constraint in " + schemas);
        }
        List<Problem> problems = new ArrayList<>();
        for (NotValid n : notValid) {
            problems.add(new Problem(Location.object("constraint", n.subject()), n.kind() + " constraint is NOT VALID: rows written before it was added were never checked.", n.validate()));
        }
        return new CheckOutcome(Counted.of(notValid.size(), "NOT VALID constraint", "NOT VALID constraints") + " in " + schemas, problems);
    }
}
