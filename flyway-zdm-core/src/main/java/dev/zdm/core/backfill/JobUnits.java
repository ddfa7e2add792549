package dev.zdm.core.backfill;

/**
 * How the units of a background job are named: a partitioned table's job has one unit per leaf partition
 * ({@code <id>#partition=<schema>.<name>}), a job split into key ranges one per range ({@code <id>#range=<i>/<n>}, after
 * the partition part when both apply). Every unit belongs to {@code <id>} ({@link dev.zdm.core.state.StateIds#belongsTo}),
 * so requiring or controlling {@code <id>} means all of its units; the rate budget is the job's ({@link #job}).
 */
final class JobUnits {
    static final String PARTITION = "#partition=";
    static final String RANGE = "#range=";

    private JobUnits() {
    }

    static String partitionId(String jobId, String partition) {
        return jobId + PARTITION + partition;
    }

    /** The {@code index}-th (from 1) of {@code count} key ranges of {@code jobId}. */
    static String rangeId(String jobId, int index, int count) {
        return jobId + RANGE + index + "/" + count;
    }

    /** The job a unit belongs to (the id itself when it is not a unit). */
    static String job(String id) {
        int cut = id.length();
        int partition = id.indexOf(PARTITION);
        int range = id.indexOf(RANGE);
        if (partition >= 0) {
            cut = partition;
        }
        if (range >= 0 && range < cut) {
            cut = range;
        }
        return id.substring(0, cut);
    }

    /** Whether {@code id} is one key range of a split job. */
    static boolean isRange(String id) {
        return id.contains(RANGE);
    }
}
