package dev.zdm.maven;

import dev.zdm.flyway.ZdmCommands;
import dev.zdm.flyway.internal.rollback.RollbackOptions;
import dev.zdm.flyway.internal.rollback.RollbackReport;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.flywaydb.core.api.FlywayException;

/**
 * Undoes an unfinished expand: {@code mvn zdm:rollback}. The applied migrations newer than the newest contract
 * migration (or only those above {@code -Dzdm.rollbackTo=<version>}) are undone newest first, each with its
 * {@code -- zdm:rollback} section or its {@code U<version>__*.sql} file, lock-safe; their rows leave Flyway's history, so
 * the next {@code migrate} applies them again. Refused, before anything changes, when one of them has no rollback
 * written: the message lists each file and what to write. Connects with the project's Flyway configuration, as
 * {@code mvn flyway:migrate} does; a rollback stopped half-way is continued by the next run.
 */
@Mojo(name = "rollback", requiresProject = false, threadSafe = true, requiresDependencyResolution = ResolutionScope.TEST)
public class RollbackMojo extends AbstractFlywayConfiguredMojo {

    /** Undo only the migrations with a version above this one; default: every migration after the newest contract migration. */
    @Parameter(property = "zdm.rollbackTo")
    private String rollbackTo;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Map<String, String> configuration = flywayConfiguration();
        RollbackReport report;
        try {
            report = ZdmCommands.of(flyway(configuration)).rollback(RollbackOptions.defaults().withRollbackTo(rollbackTo));
        } catch (FlywayException e) {
            // Flyway's messages may quote the JDBC URL, which may carry a password.
            throw new MojoFailureException("zdm:rollback: " + Secrets.redact(e.getMessage(), configuration));
        }
        for (String line : Secrets.redact(report.toText(), configuration).split("\n")) {
            getLog().info(line);
        }
    }
}
