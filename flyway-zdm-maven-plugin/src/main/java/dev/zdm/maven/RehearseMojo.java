package dev.zdm.maven;

import dev.zdm.flyway.ZdmCommands;
import dev.zdm.flyway.internal.checklist.Rehearsal;
import dev.zdm.core.text.Durations;
import java.io.File;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.flywaydb.core.api.FlywayException;

/**
 * Rehearses the pending migrations on a restored copy of the target: {@code mvn zdm:rehearse
 * -Dzdm.rehearsalUrl=jdbc:postgresql://host/restored_copy}. Uses the project's Flyway configuration with the URL (and
 * optionally the user and password) replaced, refuses the configured {@code flyway.url} itself, applies the pending
 * migrations there with the lint gate off, and records checksums, the touched tables' rows and each migration's time in
 * the rehearsal record that {@code zdm:checklist} reads ("Tested on production-size dataset?").
 */
@Mojo(name = "rehearse", requiresProject = false, threadSafe = true, requiresDependencyResolution = ResolutionScope.TEST)
public class RehearseMojo extends AbstractFlywayConfiguredMojo {
    static final String DEFAULT_RECORD = "zdm-rehearsals.json";

    /** JDBC URL of the rehearsal database, a restored copy of the target; required, and never the target's URL. */
    @Parameter(property = "zdm.rehearsalUrl")
    private String rehearsalUrl;

    /** User for the rehearsal database; default: flyway.user. */
    @Parameter(property = "zdm.rehearsalUser")
    private String rehearsalUser;

    /** Password for the rehearsal database; default: flyway.password. */
    @Parameter(property = "zdm.rehearsalPassword")
    private String rehearsalPassword;

    /** The rehearsal record to append to; default {@code zdm-rehearsals.json} in the project directory. */
    @Parameter(property = "zdm.rehearsalFile")
    private File rehearsalFile;

    @Override
    public void execute() throws MojoExecutionException {
        if (rehearsalUrl == null || rehearsalUrl.isBlank()) {
            throw new MojoExecutionException("zdm:rehearse: set -Dzdm.rehearsalUrl to the JDBC URL of a restored copy of the "
                    + "target (rehearse applies the pending migrations there; it never runs on flyway.url).");
        }
        Map<String, String> configuration = flywayConfiguration();
        if (rehearsalUrl.trim().equals(configuration.get("flyway.url"))) {
            throw new MojoExecutionException("zdm:rehearse: zdm.rehearsalUrl is the target's flyway.url; rehearse on a restored "
                    + "copy, never on the target itself.");
        }
        configuration.put("flyway.url", rehearsalUrl.trim());
        if (rehearsalUser != null) {
            configuration.put("flyway.user", rehearsalUser);
        }
        if (rehearsalPassword != null) {
            configuration.put("flyway.password", rehearsalPassword);
        }
        File record = recordFile(rehearsalFile, workingDirectory());
        Rehearsal rehearsal;
        try {
            rehearsal = ZdmCommands.of(flyway(configuration)).rehearse(record.toPath());
        } catch (FlywayException e) {
            throw new MojoExecutionException("zdm:rehearse: " + Secrets.redact(e.getMessage(), configuration));
        }
        getLog().info("zdm:rehearse: " + rehearsal.timings().size() + " migration(s) rehearsed on " + rehearsal.database()
                + ", recorded in " + record);
        new TreeMap<>(rehearsal.timings()).forEach((script, took) -> getLog().info("  " + script + ": " + Durations.format(took)));
        new TreeMap<>(rehearsal.tableRows()).forEach((table, rows) -> getLog().info("  " + table + ": about "
                + String.format(Locale.ROOT, "%,d", rows) + " rows"));
        rehearsal.unpredictedLocks().forEach(u -> getLog().warn("  " + u.script() + " held " + u.mode() + " on " + u.relation()
                + " for about " + Durations.format(u.heldFor()) + (u.predicted() == null ? ", which the analyzer did not predict"
                : ", stronger than the " + u.predicted() + " the analyzer predicted") + " (running: " + u.statement() + ")"));
    }

    /** {@code file}, relative to {@code base} when relative; default {@code base/zdm-rehearsals.json}. */
    static File recordFile(File file, File base) {
        if (file == null) {
            return new File(base, DEFAULT_RECORD);
        }
        return file.isAbsolute() || base == null ? file : new File(base, file.getPath());
    }
}
