package dev.zdm.maven;

import dev.zdm.core.text.Durations;
import dev.zdm.flyway.ZdmCommands;
import dev.zdm.flyway.internal.watch.JsonWatch;
import dev.zdm.flyway.internal.watch.MarkdownWatch;
import dev.zdm.flyway.internal.watch.TextWatch;
import dev.zdm.flyway.internal.watch.Watch;
import dev.zdm.flyway.internal.watch.WatchOptions;
import dev.zdm.flyway.internal.watch.WatchSnapshot;
import dev.zdm.flyway.internal.watch.WatchSummary;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.flywaydb.core.api.FlywayException;

/**
 * The database while migrations run elsewhere: {@code mvn zdm:watch}. Every interval it prints the sessions blocked on
 * locks and who blocks them (those on the tables the pending migrations touch first), the running backfills with their
 * rate, the index builds with their phase, and the idle or long transactions holding locks on touched tables; a quiet
 * database prints "nothing blocked" once. Runs until interrupted (Ctrl-C), {@code -Dzdm.watch.duration=30s} or
 * {@code -Dzdm.watch.ticks=N}. {@code -Dzdm.format=json} writes one JSON object per tick (JSON lines),
 * {@code -Dzdm.format=markdown} a summary at the end; {@code -Dzdm.output=file} writes to a file. Connects with the project's Flyway configuration, as {@code mvn flyway:info} does, on one
 * read-only session that never waits for a lock.
 */
@Mojo(name = "watch", requiresProject = false, threadSafe = true, requiresDependencyResolution = ResolutionScope.TEST)
public class WatchMojo extends AbstractFlywayConfiguredMojo {

    /** Time between two snapshots. */
    @Parameter(property = "zdm.watch.interval", defaultValue = "1s")
    private String interval;

    /** Stop after this long (e.g. 30s, 5m); empty: until interrupted. */
    @Parameter(property = "zdm.watch.duration")
    private String duration;

    /** Stop after this many snapshots; 0: no limit. */
    @Parameter(property = "zdm.watch.ticks", defaultValue = "0")
    private int ticks;

    /** A session holding a lock on a touched table is shown once its transaction is this old (idle ones always). */
    @Parameter(property = "zdm.watch.longTransaction", defaultValue = "10s")
    private String longTransaction;

    /**
     * text (a block per tick that says something new), json (JSON lines: one object per tick) or markdown (a summary
     * at the end: most sessions blocked, longest wait, who blocked, backfills and index builds seen).
     */
    @Parameter(property = "zdm.format", defaultValue = "text")
    private String format;

    /** Where to write the ticks (text, json) or the summary (markdown); default: standard output. */
    @Parameter(property = "zdm.output")
    private File output;

    @Override
    public void execute() throws MojoExecutionException {
        String f = ReportOutput.format(format, "zdm:watch", "text", "json", "markdown");
        WatchOptions options;
        try {
            options = new WatchOptions(duration("zdm.watch.interval", interval), blank(duration) ? null : duration("zdm.watch.duration", duration),
                    ticks, duration("zdm.watch.longTransaction", longTransaction));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("zdm:watch: " + e.getMessage());
        }
        Map<String, String> configuration = flywayConfiguration();
        PrintStream out;
        File target = output == null ? null : ReportOutput.resolve(output, project);
        try {
            out = target == null ? System.out : ReportOutput.open(target);
        } catch (IOException e) {
            throw new MojoExecutionException("zdm:watch: could not write " + target + ": " + e.getMessage(), e);
        }
        TextWatch text = new TextWatch();
        WatchSummary summary = new WatchSummary();
        String database = null;
        int seen = 0;
        // Ctrl-C: interrupt the loop so the watch closes its session and says how long it watched.
        Thread loop = Thread.currentThread();
        Thread onInterrupt = new Thread(() -> {
            loop.interrupt();
            try {
                loop.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "zdm-watch-stop");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try (Watch watch = ZdmCommands.of(flyway(configuration)).watch(options)) {
            getLog().info("zdm:watch: every " + Durations.format(options.interval())
                    + (options.duration() != null ? " for " + Durations.format(options.duration()) : "")
                    + (options.ticks() > 0 ? ", " + options.ticks() + " ticks at most" : "")
                    + (options.duration() == null && options.ticks() == 0 ? " until interrupted (Ctrl-C)" : ""));
            database = watch.database();
            while (!watch.finished()) {
                WatchSnapshot snapshot = watch.next();
                seen++;
                summary.add(snapshot);
                String block = switch (f) {
                    case "json" -> JsonWatch.line(snapshot);
                    case "markdown" -> "";
                    default -> text.changed(snapshot);
                };
                if (!block.isEmpty()) {
                    // A session's query may quote a password (ALTER ROLE ... PASSWORD, a connection string).
                    out.print(Secrets.redact(block, configuration));
                    out.flush();
                }
            }
        } catch (FlywayException e) {
            // Flyway's messages may quote the JDBC URL, which may carry a password.
            throw new MojoExecutionException("zdm:watch: " + Secrets.redact(e.getMessage(), configuration));
        } catch (SQLException e) {
            throw new MojoExecutionException("zdm:watch stopped: the database refused a read (SQL state " + e.getSQLState() + ": "
                    + Secrets.redact(e.getMessage(), configuration) + "). Nothing was changed; run it again, or check that the "
                    + "user may read pg_stat_activity and pg_locks.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (f.equals("markdown") && database != null) {
                out.print(Secrets.redact(MarkdownWatch.render(database, summary), configuration));
                out.flush();
            }
            if (target != null) {
                out.close();
                getLog().info("zdm:watch: " + (f.equals("markdown") ? "summary" : "ticks") + " written to " + target);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is stopping (Ctrl-C): the hook is running
            }
        }
        getLog().info("zdm:watch: stopped after " + seen + (seen == 1 ? " tick" : " ticks"));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static Duration duration(String key, String value) {
        if (blank(value) || !Durations.isDuration(value.trim())) {
            throw new IllegalArgumentException(key + " must be " + Durations.EXPECTED + ", not '" + value + "'");
        }
        return Durations.parse(value.trim());
    }
}
