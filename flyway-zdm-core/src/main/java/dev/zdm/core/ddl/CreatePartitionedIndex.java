package dev.zdm.core.ddl;

import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.text.Durations;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * An index on a partitioned table without blocking writes (PostgreSQL refuses CREATE INDEX CONCURRENTLY on a
 * partitioned table, and a plain CREATE INDEX holds SHARE on every partition for the whole build):
 * <ol>
 *   <li>{@code CREATE INDEX IF NOT EXISTS name ON ONLY parent ...}: an INVALID parent index, catalog only
 *       (SHARE on the parent for an instant, short lock_timeout with retries);</li>
 *   <li>per partition, {@code CREATE INDEX CONCURRENTLY} of an index named {@code <name>_<partition>} (cut with a
 *       hash suffix at 63 bytes), with the same recovery as any concurrent build;</li>
 *   <li>{@code ALTER INDEX name ATTACH PARTITION <partition index>} (ACCESS EXCLUSIVE on the partition index only,
 *       for an instant; short lock_timeout); PostgreSQL marks the parent index valid when the last one is attached.</li>
 * </ol>
 * Sub-partitioned partitions get their own {@code ON ONLY} index, filled the same way, then attached. Resumable:
 * every step reads the catalog first, so a re-run after a crash skips attached indexes, attaches built ones and
 * rebuilds invalid leftovers. Foreign-table partitions cannot have indexes and are refused.
 */
final class CreatePartitionedIndex {
    private final IndexSpec spec;

    CreatePartitionedIndex(IndexSpec spec) {
        this.spec = spec;
    }

    /**
     * Two expand steps: the parent index ON ONLY (done when an index of the name is on the parent; undone by dropping it,
     * which drops the attached partition indexes with it), then every partition's index built and attached (done when
     * the parent index is valid; undone by dropping the partition indexes not attached yet).
     */
    static Operation operation(IndexSpec spec) {
        CreatePartitionedIndex op = new CreatePartitionedIndex(spec);
        QualifiedName parentIndex = new QualifiedName(spec.table().schema(), spec.name() == null ? "(unnamed)" : spec.name());
        Step parent = Step.of(Phase.EXPAND, "create the parent index ON ONLY", style -> spec.createOnOnly(style, spec.table()),
                LockLevel.SHARE, true, List.of(spec.table()),
                c -> op.parentIndex(c).isPresent(),
                s -> op.onlyIndex(s, s.catalog.requireTable(spec.table()), spec.name()))
                .undoneBy(DropIndexConcurrently.dropStep(parentIndex));
        Step partitions = Step.of(Phase.EXPAND, "build each partition's index concurrently and attach it",
                style -> spec.on(QualifiedName.of("<partition>"), "<index>_<partition>").withIfNotExists().createConcurrently(style,
                        QualifiedName.of("<partition>")) + "; ALTER INDEX " + style.table(parentIndex) + " ATTACH PARTITION <index>_<partition>",
                LockLevel.SHARE_UPDATE_EXCLUSIVE, false, List.of(spec.table()),
                c -> op.parentIndex(c).map(Catalog.Index::valid).orElse(false),
                op::fillAll)
                .undoneBy(Step.of(Phase.EXPAND, "drop the partition indexes not attached yet", style -> "DROP INDEX CONCURRENTLY IF EXISTS "
                        + "<index>_<partition>", LockLevel.SHARE_UPDATE_EXCLUSIVE, false, List.of(spec.table()),
                        c -> false, op::dropUnattached));
        return new Operation("create partitioned index " + parentIndex.name() + " on " + spec.table(), op::prepare, List.of(parent, partitions));
    }

    void apply(DdlSession s) throws SQLException {
        OperationRunner.runAll(s, operation(spec));
    }

    /** The parent index, when it is on the parent table. */
    private Optional<Catalog.Index> parentIndex(Catalog c) throws SQLException {
        Optional<Catalog.Table> parent = c.table(spec.table());
        if (parent.isEmpty() || spec.name() == null) {
            return Optional.empty();
        }
        return c.index(parent.get().schema(), spec.name()).filter(i -> i.tableOid() == parent.get().oid());
    }

    private String label(Catalog.Table parent) {
        return "partitioned index " + (spec.name() == null ? "(unnamed)" : Identifiers.quote(spec.name())) + " on " + parent.qualified();
    }

    /** The checks before any step; true when the index is there, valid, with the statement's definition (or kept). */
    private boolean prepare(DdlSession s) throws SQLException {
        Catalog.Table parent = s.catalog.requireTable(spec.table());
        String label = label(parent);
        if (spec.name() == null) {
            throw new DdlException(label + ": an index on a partitioned table is built partition by partition and must be able to "
                    + "resume after a crash, so it needs a name. Write CREATE INDEX CONCURRENTLY IF NOT EXISTS <name> ON "
                    + parent.qualified().quoted() + " ...");
        }
        Optional<Catalog.Index> existing = s.catalog.index(parent.schema(), spec.name());
        if (existing.isPresent()) {
            Catalog.Index idx = existing.get();
            if (idx.tableOid() != parent.oid() || !idx.partitioned()) {
                throw new DdlException(label + ": the name is taken by index " + idx.qualified() + " on " + idx.tableName()
                        + ". Index names are unique per schema: choose another name.");
            }
            if (idx.valid()) {
                IndexDefinitionCheck.requireSameOrKept(s, parent, idx, spec, label);
                return true;
            }
            s.reporter.info(label + ": the parent index exists but is not valid yet: resuming (partitions already attached are skipped)");
        }
        return false;
    }

    /** Every partition's index built and attached; the parent index valid in the end. */
    private void fillAll(DdlSession s) throws SQLException {
        Catalog.Table parent = s.catalog.requireTable(spec.table());
        long start = System.nanoTime();
        Catalog.Index parentIndex = onlyIndex(s, parent, spec.name());
        int[] counts = new int[2];
        fill(s, parent, parentIndex, counts);
        Catalog.Index done = s.catalog.index(parentIndex.oid()).orElseThrow();
        if (!done.valid()) {
            throw new DdlException(label(parent) + ": every partition has its index attached but PostgreSQL has not marked the parent index "
                    + "valid. Check the partitions with \\d+ " + parent.qualified() + " and run again.");
        }
        s.reporter.info(label(parent) + ": valid on all partitions (" + counts[0] + " built, " + counts[1] + " already there) in "
                + Durations.format(java.time.Duration.ofNanos(System.nanoTime() - start)));
    }

    /** Drops the partition indexes this operation builds that are not attached (a run stopped between build and attach). */
    private void dropUnattached(DdlSession s) throws SQLException {
        Optional<Catalog.Table> parent = s.catalog.table(spec.table());
        if (parent.isPresent() && spec.name() != null) {
            dropUnattached(s, parent.get(), spec.name());
        }
    }

    private void dropUnattached(DdlSession s, Catalog.Table table, String indexName) throws SQLException {
        for (Catalog.Table partition : s.catalog.partitions(table.oid())) {
            String childName = DerivedNames.partitionIndex(indexName, partition.name());
            if (partition.partitioned()) {
                dropUnattached(s, partition, childName);
            }
            Optional<Catalog.Index> child = s.catalog.index(partition.schema(), childName);
            if (child.isPresent() && child.get().tableOid() == partition.oid() && s.catalog.parentIndex(child.get().oid()).isEmpty()) {
                new DropIndexConcurrently(child.get().qualified(), true).apply(s);
            }
        }
    }

    /** Creates (or finds) the parent index ON ONLY {@code table}. */
    private Catalog.Index onlyIndex(DdlSession s, Catalog.Table table, String name) throws SQLException {
        Optional<Catalog.Index> found = s.catalog.index(table.schema(), name);
        if (found.isEmpty()) {
            ShortLockDdl.run(s, spec.on(table.qualified(), name).createOnOnly(table.qualified()), table.oid());
            found = s.catalog.index(table.schema(), name);
        }
        Catalog.Index idx = found.orElseThrow(() -> new DdlException("index " + name + " on " + table.qualified() + " was not created"));
        if (idx.tableOid() != table.oid()) {
            throw new DdlException("index name " + name + " is taken by an index on " + idx.tableName() + "; choose another name");
        }
        return idx;
    }

    /** Gives every partition of {@code table} an index attached to {@code tableIndex}. counts: built, skipped. */
    private void fill(DdlSession s, Catalog.Table table, Catalog.Index tableIndex, int[] counts) throws SQLException {
        for (Catalog.Table partition : s.catalog.partitions(table.oid())) {
            Optional<Catalog.Index> attached = s.catalog.attachedIndex(tableIndex.oid(), partition.oid());
            if (attached.isPresent()) {
                Catalog.Index a = attached.get();
                if (a.valid()) {
                    counts[1]++;
                    continue;
                }
                if (a.partitioned()) {
                    fill(s, partition, a, counts); // a sub-partitioned partition attached before all its own partitions were
                    continue;
                }
                s.reporter.warn("index " + a.qualified() + " of partition " + partition.qualified() + " is attached but INVALID; "
                        + "rebuilding it with REINDEX INDEX CONCURRENTLY");
                ReindexConcurrently.index(a.qualified()).apply(s);
                counts[0]++;
                continue;
            }
            if (partition.kind() == 'f') {
                throw new DdlException("partition " + partition.qualified() + " of " + table.qualified() + " is a foreign table, which "
                        + "cannot have an index; this index cannot be built partition by partition.");
            }
            String childName = DerivedNames.partitionIndex(tableIndex.name(), partition.name());
            Catalog.Index childIndex;
            if (partition.partitioned()) {
                childIndex = onlyIndex(s, partition, childName);
                fill(s, partition, childIndex, counts);
            } else {
                new CreateIndexConcurrently(spec.on(partition.qualified(), childName).withIfNotExists()).build(s, partition);
                childIndex = s.catalog.index(partition.schema(), childName).orElseThrow(() -> new DdlException(
                        "index " + childName + " on partition " + partition.qualified() + " was not created"));
                counts[0]++;
            }
            ShortLockDdl.run(s, "ALTER INDEX " + tableIndex.qualified().quoted() + " ATTACH PARTITION " + childIndex.qualified().quoted(),
                    partition.oid());
        }
    }
}
