package dev.zdm.maven;

import dev.zdm.core.lint.Baseline;
import dev.zdm.core.lint.LintConfig;
import dev.zdm.core.phase.PhaseMode;
import dev.zdm.core.lint.LintResult;
import dev.zdm.core.lint.Linter;
import dev.zdm.core.lint.MigrationSource;
import dev.zdm.core.report.ReportFormat;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lints the project's Flyway SQL migrations for PostgreSQL locking and compatibility problems, without a
 * database: {@code mvn zdm:lint}, or without a pom {@code mvn dev.zdm:flyway-zdm-maven-plugin:<version>:lint}.
 * The build fails when a finding reaches {@code zdm.failOn}. Rules: docs/rules.md.
 */
@Mojo(name = "lint", requiresProject = false, threadSafe = true)
public class LintMojo extends AbstractFlywayConfiguredMojo {

    /** Comma-separated Flyway locations; default: the project's Flyway configuration, else filesystem:src/main/resources/db/migration. */
    @Parameter(property = "zdm.locations")
    private String locations;

    /** The PostgreSQL major version of production (version-aware rules); default 18. */
    @Parameter(property = "zdm.postgresVersion")
    private Integer postgresVersion;

    /** text, json, markdown or sarif. */
    @Parameter(property = "zdm.format", defaultValue = "text")
    private String format;

    /** Where to write the report; default: standard output. */
    @Parameter(property = "zdm.output")
    private File output;

    /** error, warning, info or none: the severity that fails the build. */
    @Parameter(property = "zdm.failOn", defaultValue = "error")
    private String failOn;

    /** A migration version: older migrations are in production already and are not reported. */
    @Parameter(property = "zdm.since")
    private String since;

    /** A file of accepted findings; they are not reported. */
    @Parameter(property = "zdm.baseline")
    private File baseline;

    /** Write the current findings to {@code zdm.baseline} (accepting them all) instead of failing. */
    @Parameter(property = "zdm.writeBaseline", defaultValue = "false")
    private boolean writeBaseline;

    /** Per-rule overrides, e.g. ZDM102:off,ZDM142:error. */
    @Parameter(property = "zdm.rules")
    private String rules;

    /** false when the migrations run without flyway-zdm's runner (enables ZDM143, missing lock_timeout). */
    @Parameter(property = "zdm.assumeRunner", defaultValue = "true")
    private boolean assumeRunner;

    /**
     * declared or strict: how a migration without {@code -- zdm:phase=} is judged (strict: one with a breaking statement
     * is a contract migration). Default: the Flyway configuration's {@code flyway.zdm.phases}, else declared.
     */
    @Parameter(property = "zdm.phases")
    private String phases;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        File baseDir = project != null && project.getBasedir() != null ? project.getBasedir() : new File(".").getAbsoluteFile();
        List<String> configured;
        try {
            configured = locations != null && !locations.isBlank() ? FlywayLocations.split(locations)
                    : FlywayLocations.split(flywayConfiguration().getOrDefault("flyway.locations", FlywayLocations.DEFAULT));
        } catch (RuntimeException e) {
            throw new MojoExecutionException("zdm:lint: could not read the Flyway configuration: " + e.getMessage(), e);
        }
        List<File> directories = new ArrayList<>();
        for (String location : configured) {
            directories.addAll(FlywayLocations.directories(location, baseDir, project));
        }
        if (directories.isEmpty()) {
            getLog().warn("zdm:lint: no migration directory found for " + String.join(", ", configured) + " (from " + baseDir
                    + "); set -Dzdm.locations=filesystem:path/to/migrations");
        }
        ReportFormat reportFormat;
        LintConfig config;
        try {
            reportFormat = ReportFormat.parse(format);
            checkFailOn();
            config = LintConfig.defaults()
                    .withPostgresVersion(postgresVersion == null ? LintConfig.DEFAULT_POSTGRES_VERSION : postgresVersion)
                    .withAssumeRunner(assumeRunner).withSince(since).withRuleSettings(LintConfig.parseRuleSettings(rules))
                    .withPhases(PhaseMode.parse(phases != null && !phases.isBlank() ? phases
                            : flywayConfiguration().getOrDefault("flyway.zdm.phases", PhaseMode.DECLARED.value())));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("zdm:lint: " + e.getMessage(), e);
        }
        LintResult result;
        try {
            List<MigrationSource> sources = MigrationFiles.read(directories, baseDir);
            Baseline accepted = baseline == null || writeBaseline ? Baseline.empty() : Baseline.read(baseline.toPath());
            result = new Linter(config, accepted).lint(sources);
            if (writeBaseline) {
                if (baseline == null) {
                    throw new MojoExecutionException("zdm:lint: -Dzdm.writeBaseline=true needs -Dzdm.baseline=<file>");
                }
                Baseline.write(baseline.toPath(), result.findings());
                getLog().info("zdm:lint: wrote " + result.findings().size() + " accepted finding(s) to " + baseline);
                return;
            }
            ReportOutput.write(reportFormat.render(result), output, project, getLog(), "zdm:lint");
        } catch (IOException e) {
            throw new MojoExecutionException("zdm:lint: " + e.getMessage(), e);
        }
        getLog().info("zdm:lint: " + directories.size() + " location(s) " + directories + ", PostgreSQL " + config.postgresVersion());
        if (result.fails(failOn)) {
            throw new MojoFailureException("zdm:lint: " + result.findings().stream().filter(f -> f.severity().atLeast(
                    dev.zdm.core.lint.Severity.parse(failOn))).count() + " finding(s) reach failOn=" + failOn
                    + (output == null ? "" : "; report: " + output) + ". Fix them as the report shows, mark reviewed "
                    + "statements with -- zdm:ignore <rule> <reason>, or accept existing ones with -Dzdm.baseline.");
        }
    }

    private void checkFailOn() {
        String f = failOn.trim().toLowerCase(Locale.ROOT);
        if (!f.matches("error|warning|info|none")) {
            throw new IllegalArgumentException("zdm.failOn must be error, warning, info or none, not '" + failOn + "'");
        }
        failOn = f;
    }
}
