package dev.zdm.core.lint;

import dev.zdm.core.lint.rules.AddCheckValidates;
import dev.zdm.core.lint.rules.AddColumnNotNullWithoutDefault;
import dev.zdm.core.lint.rules.AddColumnRewrites;
import dev.zdm.core.lint.rules.AddColumnVolatileDefault;
import dev.zdm.core.lint.rules.AddForeignKeyValidates;
import dev.zdm.core.lint.rules.AddUniqueBuildsIndex;
import dev.zdm.core.lint.rules.AlterColumnTypeRewrites;
import dev.zdm.core.lint.rules.AlterDomainAddConstraintValidates;
import dev.zdm.core.lint.rules.AttachPartitionScans;
import dev.zdm.core.lint.rules.ConcurrentlyMixedWithTransactional;
import dev.zdm.core.lint.rules.CreateIndexConcurrentlyIfNotExists;
import dev.zdm.core.lint.rules.CreateIndexNonConcurrently;
import dev.zdm.core.lint.rules.DetachPartitionNonConcurrently;
import dev.zdm.core.lint.rules.DropColumn;
import dev.zdm.core.lint.rules.DropDatabase;
import dev.zdm.core.lint.rules.DropIndexNonConcurrently;
import dev.zdm.core.lint.rules.DropNotNull;
import dev.zdm.core.lint.rules.DropTable;
import dev.zdm.core.lint.rules.EnumAddValueInTransaction;
import dev.zdm.core.lint.rules.EnumValueUsedInSameTransaction;
import dev.zdm.core.lint.rules.IntegerPrimaryKey;
import dev.zdm.core.lint.rules.InvalidDirective;
import dev.zdm.core.lint.rules.LockTable;
import dev.zdm.core.lint.rules.MissingLockTimeout;
import dev.zdm.core.lint.rules.NonTransactionalInTransaction;
import dev.zdm.core.lint.rules.NotAnalyzed;
import dev.zdm.core.lint.rules.RefreshMaterializedViewNonConcurrently;
import dev.zdm.core.lint.rules.ReindexNonConcurrently;
import dev.zdm.core.lint.rules.RenameColumn;
import dev.zdm.core.lint.rules.RenameTable;
import dev.zdm.core.lint.rules.SetNotNullScans;
import dev.zdm.core.lint.rules.SeveralAccessExclusiveLocks;
import dev.zdm.core.lint.rules.TableRewrite;
import dev.zdm.core.lint.rules.TransactionControl;
import dev.zdm.core.lint.rules.Truncate;
import dev.zdm.core.lint.rules.UnbatchedDataChange;
import dev.zdm.core.lint.rules.ValidateInSameTransaction;
import java.util.List;
import java.util.Optional;

/** Every rule, in id order. The docs (docs/rules.md) are generated from this list. */
public final class Rules {
    private static final List<Rule> ALL = List.of(
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
            new DropNotNull());

    private Rules() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    public static Optional<Rule> byId(String id) {
        return ALL.stream().filter(r -> r.id().equalsIgnoreCase(id)).findFirst();
    }
}
