package dev.zdm.core.ddl;

import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.text.Durations;
import java.sql.SQLException;
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

    void apply(DdlSession s) throws SQLException {
        Catalog.Table parent = s.catalog.requireTable(spec.table());
        String label = "partitioned index " + (spec.name() == null ? "(unnamed)" : Identifiers.quote(spec.name())) + " on " + parent.qualified();
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
                return;
            }
            s.reporter.info(label + ": the parent index exists but is not valid yet: resuming (partitions already attached are skipped)");
        }
        long start = System.nanoTime();
        Catalog.Index parentIndex = onlyIndex(s, parent, spec.name());
        int[] counts = new int[2];
        fill(s, parent, parentIndex, counts);
        Catalog.Index done = s.catalog.index(parentIndex.oid()).orElseThrow();
        if (!done.valid()) {
            throw new DdlException(label + ": every partition has its index attached but PostgreSQL has not marked the parent index "
                    + "valid. Check the partitions with \\d+ " + parent.qualified() + " and run again.");
        }
        s.reporter.info(label + ": valid on all partitions (" + counts[0] + " built, " + counts[1] + " already there) in "
                + Durations.format(java.time.Duration.ofNanos(System.nanoTime() - start)));
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
            String childName = DerivedNames.derivedName(tableIndex.name(), partition.name());
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
