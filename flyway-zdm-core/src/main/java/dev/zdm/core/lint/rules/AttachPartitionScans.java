package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.AlterAction;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.RelationName;

/** ZDM135: ATTACH PARTITION without a validated CHECK constraint matching the partition bound. */
final class AttachPartitionScans extends Rule {
    AttachPartitionScans() {
        super("ZDM135", "attach-partition-scans", Severity.ERROR, Impact.LOCKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "ATTACH PARTITION without a validated CHECK matching the bound";
    }

    @Override
    public String why() {
        return "ATTACH PARTITION scans the whole partition to prove every row fits the bound, holding ACCESS EXCLUSIVE on "
                + "the partition (and SHARE UPDATE EXCLUSIVE on the parent since PostgreSQL 12; ACCESS EXCLUSIVE before). "
                + "If the parent has a DEFAULT partition, that is scanned as well. A validated CHECK constraint that implies "
                + "the bound lets PostgreSQL skip the scan.";
    }

    @Override
    public String safeRewrite() {
        return "`ALTER TABLE part ADD CONSTRAINT part_bound CHECK (k >= 'from' AND k < 'to') NOT VALID;` then "
                + "`ALTER TABLE part VALIDATE CONSTRAINT part_bound;` (no blocking), then `ALTER TABLE parent ATTACH PARTITION "
                + "part FOR VALUES FROM ('from') TO ('to');` (no scan), then `ALTER TABLE part DROP CONSTRAINT part_bound;`.";
    }

    @Override
    public LockExample lockExample() {
        return new LockExample("CREATE TABLE lint_p (k int) PARTITION BY RANGE (k); CREATE TABLE lint_t (k int)",
                "ALTER TABLE lint_p ATTACH PARTITION lint_t FOR VALUES FROM (0) TO (10)", "lint_t", LockLevel.ACCESS_EXCLUSIVE);
    }

    @Override
    public void check(StatementContext ctx) {
        RelationName parent = ctx.model().table();
        for (AlterAction a : Sql.actions(ctx.model())) {
            if (!(a instanceof AlterAction.AttachPartition attach) || attach.partition() == null || ctx.isNew(attach.partition())
                    || ctx.schema().hasValidatedCheck(attach.partition())) {
                continue;
            }
            String part = Sql.name(attach.partition());
            String c = Sql.derivedName(attach.partition(), null, "bound");
            ctx.report(attach.partition(), "ATTACH PARTITION " + part + " scans " + part + " under ACCESS EXCLUSIVE to prove "
                            + "every row fits " + (attach.bound() == null ? "the bound" : Sql.oneLine(attach.bound())) + ".",
                    "ALTER TABLE " + part + " ADD CONSTRAINT " + c + " CHECK (<the bound as a condition on the partition key>) NOT VALID;\n"
                            + "ALTER TABLE " + part + " VALIDATE CONSTRAINT " + c + ";  -- next migration, no blocking\n"
                            + Sql.asWritten(ctx.statement().sql()) + ";  -- then: no scan\nALTER TABLE " + part + " DROP CONSTRAINT " + c + ";");
        }
    }
}
