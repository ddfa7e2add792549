package dev.zdm.maven;

import dev.zdm.flyway.ZdmCommands;
import dev.zdm.flyway.internal.status.StatusReport;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.flywaydb.core.api.FlywayException;

/**
 * What the database looks like to flyway-zdm: {@code mvn zdm:status}. Every migration with its state; for the pending
 * SQL migrations the lint gate's verdict with live table sizes (what {@code migrate} would refuse); the batched
 * backfills with their progress (a failed one with its error); failed migrations and whether the next {@code migrate}
 * continues them; invalid indexes. Connects with the project's Flyway configuration, as {@code mvn flyway:info} does
 * ({@code <configuration>}, properties, flyway.conf, {@code FLYWAY_*}, {@code -Dflyway.*}); reads only, and waits for
 * no lock on a user table.
 */
@Mojo(name = "status", requiresProject = false, threadSafe = true, requiresDependencyResolution = ResolutionScope.TEST)
public class StatusMojo extends AbstractFlywayConfiguredMojo {

    /** text or json. */
    @Parameter(property = "zdm.format", defaultValue = "text")
    private String format;

    /** Where to write the report; default: standard output. */
    @Parameter(property = "zdm.output")
    private File output;

    @Override
    public void execute() throws MojoExecutionException {
        String f = ReportOutput.format(format, "zdm:status", "text", "json");
        java.util.Map<String, String> configuration = flywayConfiguration();
        StatusReport report;
        try {
            report = ZdmCommands.of(flyway(configuration)).status();
        } catch (FlywayException e) {
            // Flyway's messages may quote the JDBC URL, which may carry a password.
            throw new MojoExecutionException("zdm:status: " + Secrets.redact(e.getMessage(), configuration));
        }
        try {
            ReportOutput.write(f.equals("json") ? report.toJson() : report.toText(), output, project, getLog(), "zdm:status");
        } catch (IOException e) {
            throw new MojoExecutionException("zdm:status: could not write " + output + ": " + e.getMessage(), e);
        }
    }
}
