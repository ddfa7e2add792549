package dev.zdm.maven;

import dev.zdm.core.report.Outcome;
import dev.zdm.flyway.ZdmCommands;
import dev.zdm.flyway.internal.verify.VerifyOptions;
import dev.zdm.flyway.internal.verify.VerifyReport;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.flywaydb.core.api.FlywayException;

/**
 * Checks the data after the migrations ran: {@code mvn zdm:verify}. No invalid index, no constraint left NOT VALID,
 * no row breaking a NOT VALID CHECK or NOT NULL, every batched backfill done, every {@code -- zdm:verify <query>} of an
 * applied migration true, no session blocked, no new sequential scans, no query on a touched table slower
 * (docs/checks.md; the last two against the statistics recorded when the migrate started). Connects with the project's Flyway configuration, as {@code mvn flyway:info}
 * does; reads only, in read-only transactions that give up on a lock instead of waiting. The build fails when a check
 * fails, after the report is written.
 */
@Mojo(name = "verify", requiresProject = false, threadSafe = true, requiresDependencyResolution = ResolutionScope.TEST)
public class VerifyMojo extends AbstractFlywayConfiguredMojo {

    /** text, markdown (a task list to paste into a pull request) or json. */
    @Parameter(property = "zdm.format", defaultValue = "text")
    private String format;

    /** Where to write the report; default: standard output. */
    @Parameter(property = "zdm.output")
    private File output;

    /** ZDV08: a query on a touched table fails when its mean time since the snapshot is this many times its mean before. */
    @Parameter(property = "zdm.slowdownFactor", defaultValue = "2")
    private double slowdownFactor;

    /** ZDV08: ... and at least this many milliseconds above it (so 0.01 ms becoming 0.05 ms is not reported). */
    @Parameter(property = "zdm.slowdownFloorMs", defaultValue = "1")
    private double slowdownFloorMs;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        String f = ReportOutput.format(format, "zdm:verify", "text", "markdown", "json");
        VerifyOptions options;
        try {
            options = VerifyOptions.defaults().withSlowdownFactor(slowdownFactor).withSlowdownFloorMs(slowdownFloorMs);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("zdm:verify: " + e.getMessage().replace("slowdown", "zdm.slowdown"));
        }
        Map<String, String> configuration = flywayConfiguration();
        VerifyReport report;
        try {
            report = ZdmCommands.of(flyway(configuration)).verify(options);
        } catch (FlywayException e) {
            // Flyway's messages may quote the JDBC URL, which may carry a password.
            throw new MojoExecutionException("zdm:verify: " + Secrets.redact(e.getMessage(), configuration));
        }
        String rendered = switch (f) {
            case "markdown" -> report.toMarkdown();
            case "json" -> report.toJson();
            default -> report.toText();
        };
        File written;
        try {
            written = ReportOutput.write(Secrets.redact(rendered, configuration), output, project, getLog(), "zdm:verify");
        } catch (IOException e) {
            throw new MojoExecutionException("zdm:verify: could not write " + output + ": " + e.getMessage(), e);
        }
        if (!report.passed()) {
            throw new MojoFailureException("zdm:verify: " + report.failedIds().size() + " of " + report.checks().size()
                    + " checks failed (" + String.join(", ", report.failedIds()) + "); see the report"
                    + (written == null ? " above" : " in " + written) + " and docs/checks.md for what to do.");
        }
        List<String> unknown = report.ids(Outcome.UNKNOWN);
        getLog().info("zdm:verify: " + (unknown.isEmpty() ? "all " + report.checks().size() + " checks passed."
                : "no check failed; " + unknown.size() + " unknown (" + String.join(", ", unknown) + "): see the report."));
    }
}
