package dev.zdm.core.ddl;

import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a count of disagreeing rows (old and new column of a copy) on a connection of its own, again and again until
 * {@link #stop()}: every non-zero count is recorded as a mismatch. The pause between samples is longer on large tables,
 * as each sample is a full scan.
 */
final class AgreementSampler {
    private final AtomicBoolean sampling = new AtomicBoolean(true);
    private final AtomicLong samples = new AtomicLong();
    private final List<String> mismatches = new ArrayList<>();
    private final CompletableFuture<Void> running;

    private AgreementSampler(TestDatabase db, String countQuery, long pauseMillis) {
        running = DdlFixtures.background(() -> {
            try (Connection c = db.connect("zdm-sampler"); Statement s = c.createStatement()) {
                while (sampling.get()) {
                    try (var rs = s.executeQuery(countQuery)) {
                        rs.next();
                        if (rs.getLong(1) != 0) {
                            synchronized (mismatches) {
                                mismatches.add(rs.getLong(1) + " rows differ at sample " + samples.get());
                            }
                        }
                    }
                    samples.incrementAndGet();
                    Thread.sleep(pauseMillis);
                }
            }
            return null;
        });
    }

    /** Starts sampling {@code countQuery} (a {@code SELECT count(*)} of the rows that disagree) for a table of {@code rows}. */
    static AgreementSampler start(TestDatabase db, String countQuery, int rows) {
        return new AgreementSampler(db, countQuery, Math.max(50, rows / 1000));
    }

    /** Stops after the sample in flight (failing when a sample failed). */
    void stop() {
        sampling.set(false);
        running.join();
    }

    long samples() {
        return samples.get();
    }

    List<String> mismatches() {
        synchronized (mismatches) {
            return List.copyOf(mismatches);
        }
    }
}
