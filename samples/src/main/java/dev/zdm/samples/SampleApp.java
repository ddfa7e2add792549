package dev.zdm.samples;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import dev.zdm.flyway.ZdmConfigurationExtension;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The sample a new user runs first: applies {@code src/main/resources/db/migration} through Flyway with
 * flyway-zdm on the classpath (nothing else configured) and prints what happened.
 * Run with {@code mvn -B -q install -DskipTests && mvn -B -q -pl samples exec:java}.
 */
public final class SampleApp {
    private SampleApp() {
    }

    public static void main(String[] args) throws Exception {
        try (SampleDatabase db = SampleDatabase.fromEnvironment()) {
            migrate(db.url(), db.user(), db.password(), db.safeDescription(), System.out);
        }
    }

    static MigrateResult migrate(String url, String user, String password, String where, PrintStream out) throws SQLException {
        out.println("flyway-zdm sample: migrating " + where);
        Flyway flyway = Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .load();
        // Nothing above names flyway-zdm: Flyway found it through ServiceLoader because the jar is on the classpath.
        boolean zdmLoaded = flyway.getConfiguration().getPluginRegister().getExact(ZdmConfigurationExtension.class) != null;
        out.println("flyway-zdm extension: " + (zdmLoaded ? "active (found by Flyway on the classpath)" : "NOT loaded"));
        MigrateResult result = flyway.migrate();

        out.printf("Applied %d migration(s) with Flyway %s:%n", result.migrationsExecuted, result.flywayVersion);
        for (MigrateOutput m : result.migrations) {
            out.printf("  V%-3s %-30s %5d ms%n", m.version, m.description, m.executionTime);
        }
        if (result.migrationsExecuted == 0) {
            out.println("  (nothing pending: schema is at version " + result.targetSchemaVersion + ")");
        }
        printTables(url, user, password, out);
        printBackfills(url, user, password, out);
        return result;
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(url, props);
    }

    /** What the batched backfills did, from their checkpoints (zdm_backfill_progress, next to flyway_schema_history). */
    private static void printBackfills(String url, String user, String password, PrintStream out) throws SQLException {
        try (Connection c = connect(url, user, password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT backfill_id, state, rows_done, batches FROM zdm_backfill_progress ORDER BY started_at")) {
            out.println("Batched backfills:");
            while (rs.next()) {
                out.printf("  %-48s %-5s %6d rows in %d batches%n", rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4));
            }
        }
    }

    private static void printTables(String url, String user, String password, PrintStream out) throws SQLException {
        try (Connection c = connect(url, user, password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT c.relname, "
                     + "(xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I', c.relname), false, true, '')))[1]::text::bigint, "
                     + "(SELECT count(*) FROM pg_index i WHERE i.indrelid = c.oid) FROM pg_class c "
                     + "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') "
                     + "AND c.relname NOT LIKE 'flyway%' AND c.relname NOT LIKE 'zdm%' ORDER BY 1")) {
            out.println("Tables now:");
            while (rs.next()) {
                out.printf("  %-10s %6d rows, %d index(es)%n", rs.getString(1), rs.getLong(2), rs.getLong(3));
            }
        }
    }
}
