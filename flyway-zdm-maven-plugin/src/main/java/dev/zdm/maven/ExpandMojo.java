package dev.zdm.maven;

import dev.zdm.flyway.ZdmCommands;
import dev.zdm.flyway.internal.contract.PhaseReport;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.flywaydb.core.api.FlywayException;

/**
 * The expand step of a deploy: {@code mvn zdm:expand} applies the pending migrations up to, not including, the first
 * pending contract migration ({@code -- zdm:phase=contract}), with the lock-safe runner and the lint gate, and says
 * what it held back and why. Deploy the new application next; {@code mvn zdm:contract} runs the rest once the old one
 * is gone. Reads the project's Flyway configuration as {@code mvn flyway:migrate} does. One deployer at a time per
 * history (a second one waits up to {@code flyway.zdm.drain.deployerWait}, then fails naming the first).
 */
@Mojo(name = "expand", requiresProject = false, threadSafe = true, requiresDependencyResolution = ResolutionScope.TEST)
public class ExpandMojo extends AbstractFlywayConfiguredMojo {

    @Override
    public void execute() throws MojoExecutionException {
        Map<String, String> configuration = flywayConfiguration();
        PhaseReport report;
        try {
            report = ZdmCommands.of(flyway(configuration)).expand();
        } catch (FlywayException e) {
            // Flyway's messages may quote the JDBC URL, which may carry a password.
            throw new MojoExecutionException("zdm:expand: " + Secrets.redact(e.getMessage(), configuration));
        }
        report.toText().lines().forEach(line -> getLog().info(Secrets.redact(line, configuration)));
    }
}
