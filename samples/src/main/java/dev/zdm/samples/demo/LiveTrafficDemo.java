package dev.zdm.samples.demo;

import dev.zdm.samples.SampleDatabase;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The live-traffic demo: {@code mvn -B -q -pl samples exec:java [-Dexec.args="--users=200000 --naive"]}. Loads a shop
 * dataset, runs the shop's application against it, and applies the seed's schema changes under that traffic, first with
 * flyway-zdm and then the naive way, printing the workload's latency and errors for every step and a table at the end.
 * Runs on the server named by {@code ZDM_JDBC_URL} (in schemas {@code zdm_demo} and {@code zdm_demo_naive}, dropped and
 * created again) or on a throw-away embedded PostgreSQL.
 */
public final class LiveTrafficDemo {
    private LiveTrafficDemo() {
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try (SampleDatabase db = SampleDatabase.fromEnvironment()) {
            run(options, db.url(), db.user(), db.password(), db.safeDescription(), System.out);
        }
    }

    /** Runs the demo in each of the options' modes and prints the table; returns the runs. */
    static List<RunResult> run(DemoOptions options, String url, String user, String password, String where, PrintStream out)
            throws Exception {
        out.printf("flyway-zdm live-traffic demo on %s (%s), %d cores%n", where, serverVersion(url, user, password),
                Runtime.getRuntime().availableProcessors());
        List<RunResult> runs = new ArrayList<>();
        for (Mode mode : options.modes()) {
            runs.add(new DemoRun(options, mode, url, user, password, out).run());
        }
        DemoReport.print(runs, out);
        return runs;
    }

    /**
     * flyway-zdm's progress (backfills, index builds, constraint validations) and its warnings (a lock timeout and its
     * retry, a contract held back) stay; its start-up lines for every Flyway the demo loads go. Before any logger
     * exists; a {@code -Dorg.slf4j.simpleLogger.log.*} given on the command line wins.
     */
    private static void quietLogging() {
        String prefix = "org.slf4j.simpleLogger.log.";
        for (String[] level : new String[][] {{"dev.zdm", "warn"}, {"dev.zdm.core.backfill", "info"}, {"dev.zdm.core.ddl", "info"}}) {
            if (System.getProperty(prefix + level[0]) == null) {
                System.setProperty(prefix + level[0], level[1]);
            }
        }
    }

    private static String serverVersion(String url, String user, String password) throws SQLException {
        try (Connection c = new ShopDatabase(url, user, password, "public").connect("zdm-demo-control"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 'PostgreSQL ' || current_setting('server_version')")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
