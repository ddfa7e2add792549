package dev.zdm.samples.demo;

import dev.zdm.flyway.ZdmCommands;
import dev.zdm.flyway.internal.contract.PhaseReport;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * One run of the demo in one mode: a fresh schema, the base migration, the dataset, shop-v1 at work, then every
 * {@link DemoSteps step} measured in its own latency window, with a progress line every two seconds.
 */
final class DemoRun {
    private static final long SETTLE_MILLIS = 300;
    private static final long PROGRESS_SECONDS = 2;
    private static final long STALLED_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final DemoOptions options;
    private final Mode mode;
    private final ShopDatabase database;
    private final ShopMigrations migrations;
    private final PrintStream out;
    private final LatencyRecorder recorder = new LatencyRecorder();
    private LockWaitWatcher watcher;
    private volatile Workload v1;
    private volatile Workload v2;
    private long orders;

    DemoRun(DemoOptions options, Mode mode, String url, String user, String password, PrintStream out) {
        this.options = options;
        this.mode = mode;
        this.database = new ShopDatabase(url, user, password, mode.schema());
        this.migrations = new ShopMigrations(database, mode);
        this.out = out;
    }

    RunResult run() throws Exception {
        out.printf("%n== %s: %,d users, %,d orders per user, schema %s ==%n", mode.label(), options.users(), options.ordersPerUser(),
                mode.schema());
        resetSchema();
        migrations.flyway(0).migrate();
        long loadStart = System.nanoTime();
        orders = DatasetLoader.load(database, options.users(), options.ordersPerUser(), out);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        List<StepResult> results = new ArrayList<>();
        try {
            watcher = LockWaitWatcher.start(database);
            v1 = startWorkload(ShopVersion.V1);
            out.printf("  %s running: %d readers, %d writers, one operation every %d ms each%n", ShopVersion.V1.applicationName(),
                    options.readers(), options.writers(), options.paceMillis());
            TimeUnit.SECONDS.sleep(1); // warm-up: connections, plans, caches
            recorder.next();
            watcher.next();
            List<DemoStep> steps = DemoSteps.all();
            results.add(measure("baseline: workload alone", 0, steps.size(), r -> {
                TimeUnit.SECONDS.sleep(2);
                return "no migration";
            }));
            for (int i = 0; i < steps.size(); i++) {
                results.add(measure(steps.get(i).title(), i + 1, steps.size(), steps.get(i).action(mode)));
            }
        } finally {
            stopAll();
        }
        return new RunResult(mode, loadSeconds, results);
    }

    private Workload startWorkload(ShopVersion version) throws SQLException {
        return Workload.start(version, database, recorder, options.users(), orders, options.readers(), options.writers(),
                options.paceMillis());
    }

    private StepResult measure(String title, int number, int of, DemoStep.Action action) throws Exception {
        out.printf("[%s %d/%d] %s%n", mode.label(), number, of, title);
        long start = System.nanoTime();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "zdm-demo-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> {
            LatencySnapshot so = recorder.peek();
            long waiting = Math.max(v1 == null ? 0 : v1.longestInFlightNanos(), v2 == null ? 0 : v2.longestInFlightNanos());
            out.printf("    %4.0f s: %,d operations, p99 %s, max %s, %d errors%s%n", (System.nanoTime() - start) / 1e9, so.operations(),
                    DemoReport.millis(so.p99Millis()), DemoReport.millis(so.maxMillis()), so.errors(),
                    waiting > STALLED_NANOS ? "; an operation has been waiting for " + DemoReport.millis(waiting / 1e6) : "");
        }, PROGRESS_SECONDS, PROGRESS_SECONDS, TimeUnit.SECONDS);
        String note;
        try {
            note = action.run(this);
            TimeUnit.MILLISECONDS.sleep(SETTLE_MILLIS);
        } finally {
            ticker.shutdownNow();
        }
        LatencySnapshot latency = recorder.next();
        StepResult result = new StepResult(title, (System.nanoTime() - start) / 1e9, latency, watcher.next(), note);
        out.printf("    %s%n    => %.1f s; workload: %,d operations, p99 %s, max %s, lock wait %s, %d errors%n", note, result.seconds(),
                latency.operations(), DemoReport.millis(latency.p99Millis()), DemoReport.millis(latency.maxMillis()),
                DemoReport.millis(result.lockWaitMillis()), latency.errors());
        latency.errorSamples().forEach(e -> out.println("       error: " + e));
        return result;
    }

    /** Applies the migration sets of steps 1..{@code step}; says what ran and what migrate held back. */
    String migrate(int step) {
        Flyway flyway = migrations.flyway(step);
        MigrateResult result = flyway.migrate();
        String applied = result.migrations.isEmpty() ? "migrate applied nothing"
                : "applied " + result.migrations.stream().map(DemoRun::name).collect(Collectors.joining(", "));
        MigrationInfo[] pending = flyway.info().pending();
        if (pending.length > 0) {
            applied += "; held back until drained: " + java.util.Arrays.stream(pending).map(i -> "V" + i.getVersion())
                    .collect(Collectors.joining(", "));
        }
        return applied;
    }

    /** {@code zdm:contract} on the migration sets of steps 1..{@code step}, the operator confirming {@code drainedVersion}. */
    String contract(int step, String drainedVersion) {
        PhaseReport report = ZdmCommands.of(migrations.flyway(step)).contract(drainedVersion);
        List<String> done = new ArrayList<>(report.applied());
        done.addAll(report.operations());
        return "zdm:contract ran " + (done.isEmpty() ? "nothing" : String.join(", ", done));
    }

    /** The new application version starts next to the old one; both run for a while. */
    String deployV2() throws Exception {
        v2 = startWorkload(ShopVersion.V2);
        TimeUnit.SECONDS.sleep(2);
        return ShopVersion.V2.applicationName() + " deployed next to " + ShopVersion.V1.applicationName() + " (2 s)";
    }

    /** The last old instance shuts down: its threads stop and its sessions close. */
    String drainV1() throws Exception {
        TimeUnit.SECONDS.sleep(1);
        v1.drain();
        v1 = null;
        waitUntilNoSession(ShopVersion.V1.applicationName());
        return ShopVersion.V1.applicationName() + " drained";
    }

    /** A report holds a long transaction on orders while the step's migration needs ACCESS EXCLUSIVE on it. */
    String migrateBehindLongReader(int step) throws Exception {
        try (LongReader reader = LongReader.start(database, options.readerSeconds())) {
            return "a report holds orders until " + options.readerSeconds() + " s after the ALTER queues; " + migrate(step);
        }
    }

    private void waitUntilNoSession(String applicationName) throws SQLException, InterruptedException {
        try (Connection c = database.connect("zdm-demo-control");
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
            s.setString(1, applicationName);
            for (int i = 0; i < 500; i++) {
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                TimeUnit.MILLISECONDS.sleep(10);
            }
        }
    }

    private void resetSchema() throws SQLException {
        try (Connection c = database.connect("zdm-demo-control"); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + ShopDatabase.quote(mode.schema()) + " CASCADE");
            s.execute("CREATE SCHEMA " + ShopDatabase.quote(mode.schema()));
        }
    }

    private void stopAll() throws Exception {
        if (v1 != null) {
            v1.close();
        }
        if (v2 != null) {
            v2.close();
        }
        if (watcher != null) {
            watcher.close();
        }
    }

    private static String name(MigrateOutput m) {
        return "V" + m.version;
    }
}
