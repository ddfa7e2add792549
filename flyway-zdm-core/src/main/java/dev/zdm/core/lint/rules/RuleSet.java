package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Rule;
import java.util.List;

/**
 * Instantiates every rule of this package, in id order. The rule classes are package-private (not API): the
 * registry {@link dev.zdm.core.lint.Rules} is the public way to reach them.
 */
public final class RuleSet {
    private RuleSet() {
    }

    /** A new instance of every rule, in id order. */
    public static List<Rule> all() {
        return List.of(
                new NotAnalyzed(),
                new CreateIndexNonConcurrently(),
                new DropIndexNonConcurrently(),
                new ReindexNonConcurrently(),
                new ConcurrentlyMixedWithTransactional(),
                new NonTransactionalInTransaction(),
                new CreateIndexConcurrentlyIfNotExists(),
                new AddColumnVolatileDefault(),
                new AddColumnNotNullWithoutDefault(),
                new AddColumnRewrites(),
                new AlterColumnTypeRewrites(),
                new SetNotNullScans(),
                new AddForeignKeyValidates(),
                new AddCheckValidates(),
                new ValidateInSameTransaction(),
                new AddUniqueBuildsIndex(),
                new AlterDomainAddConstraintValidates(),
                new RenameColumn(),
                new RenameTable(),
                new DropColumn(),
                new DropTable(),
                new TableRewrite(),
                new UnbatchedDataChange(),
                new Truncate(),
                new LockTable(),
                new SeveralAccessExclusiveLocks(),
                new AttachPartitionScans(),
                new DetachPartitionNonConcurrently(),
                new RefreshMaterializedViewNonConcurrently(),
                new EnumAddValueInTransaction(),
                new EnumValueUsedInSameTransaction(),
                new DropDatabase(),
                new TransactionControl(),
                new IntegerPrimaryKey(),
                new MissingLockTimeout(),
                new InvalidDirective(),
                new DropNotNull(),
                new BreakingBeforeContract());
    }
}
