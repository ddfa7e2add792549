package dev.zdm.maven;

import dev.zdm.flyway.ZdmCommands;
import dev.zdm.flyway.internal.checklist.ChecklistOptions;
import dev.zdm.flyway.internal.checklist.ChecklistReport;
import dev.zdm.flyway.internal.checklist.RehearsalFile;
import dev.zdm.flyway.internal.checklist.Tick;
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
 * Answers the migration checklist before the pending migrations run: {@code mvn zdm:checklist}. Tested on a
 * production-size dataset, backwards compatible, batched for large tables, indexes created concurrently, rollback plan
 * ready (docs/checklist.md); each ticked, unticked or unknown with its evidence, against the database of the project's
 * Flyway configuration (read-only), or from the files alone when no {@code flyway.url} is configured. The build fails
 * when an item is unticked (unless {@code zdm.failOnUnticked=false}) or, with {@code zdm.failOnUnknown=true}, unknown,
 * after the report is written.
 */
@Mojo(name = "checklist", requiresProject = false, threadSafe = true, requiresDependencyResolution = ResolutionScope.TEST)
public class ChecklistMojo extends AbstractFlywayConfiguredMojo {

    /** text, markdown (a task list to paste into a pull request) or json. */
    @Parameter(property = "zdm.format", defaultValue = "text")
    private String format;

    /** Where to write the report; default: standard output. */
    @Parameter(property = "zdm.output")
    private File output;

    /** Fail the build when an item is unticked. */
    @Parameter(property = "zdm.failOnUnticked", defaultValue = "true")
    private boolean failOnUnticked;

    /** Fail the build when an item is unknown (no database, no rehearsal, a Java migration). */
    @Parameter(property = "zdm.failOnUnknown", defaultValue = "false")
    private boolean failOnUnknown;

    /** From how many estimated rows a table is large for batching; default: flyway.zdm.lint.smallTableRows. */
    @Parameter(property = "zdm.largeTableRows")
    private Long largeTableRows;

    /** A rehearsal is production-size when each touched table held at least this fraction of the target's rows. */
    @Parameter(property = "zdm.rehearsalFraction", defaultValue = "0.5")
    private double rehearsalFraction;

    /**
     * The rehearsal record {@code zdm:rehearse} writes (JSON); default {@code zdm-rehearsals.json} in the project
     * directory. Missing: no rehearsal, so "tested on a production-size dataset" stays unknown.
     */
    @Parameter(property = "zdm.rehearsalFile")
    private File rehearsalFile;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        String f = ReportOutput.format(format, "zdm:checklist", "text", "markdown", "json");
        ChecklistOptions options;
        try {
            options = ChecklistOptions.defaults().withRehearsalFraction(rehearsalFraction)
                    .withRehearsals(new RehearsalFile(RehearseMojo.recordFile(rehearsalFile, workingDirectory()).toPath()));
            if (largeTableRows != null) {
                options = options.withLargeTableRows(largeTableRows);
            }
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("zdm:checklist: " + e.getMessage().replace("largeTableRows", "zdm.largeTableRows")
                    .replace("rehearsalFraction", "zdm.rehearsalFraction"));
        }
        Map<String, String> configuration = flywayConfiguration();
        ChecklistReport report;
        try {
            report = ZdmCommands.of(flyway(configuration)).checklist(options);
        } catch (FlywayException e) {
            // Flyway's messages may quote the JDBC URL, which may carry a password.
            throw new MojoExecutionException("zdm:checklist: " + Secrets.redact(e.getMessage(), configuration));
        }
        String rendered = switch (f) {
            case "markdown" -> report.toMarkdown();
            case "json" -> report.toJson();
            default -> report.toText();
        };
        File written;
        try {
            written = ReportOutput.write(Secrets.redact(rendered, configuration), output, project, getLog(), "zdm:checklist");
        } catch (IOException e) {
            throw new MojoExecutionException("zdm:checklist: could not write " + output + ": " + e.getMessage(), e);
        }
        String where = written == null ? " above" : " in " + written;
        List<String> unticked = report.ids(Tick.UNTICKED);
        List<String> unknown = report.ids(Tick.UNKNOWN);
        if (failOnUnticked && !unticked.isEmpty()) {
            throw new MojoFailureException("zdm:checklist: " + unticked.size() + " of " + report.items().size()
                    + " items unticked (" + String.join(", ", unticked) + "); see the evidence" + where
                    + " and docs/checklist.md for what to do (-Dzdm.failOnUnticked=false only reports).");
        }
        if (failOnUnknown && !unknown.isEmpty()) {
            throw new MojoFailureException("zdm:checklist: " + unknown.size() + " of " + report.items().size()
                    + " items unknown (" + String.join(", ", unknown) + ") and zdm.failOnUnknown=true; see the evidence" + where + ".");
        }
        getLog().info("zdm:checklist: " + report.ids(Tick.TICKED).size() + " ticked, " + unticked.size() + " unticked, "
                + unknown.size() + " unknown.");
    }
}
