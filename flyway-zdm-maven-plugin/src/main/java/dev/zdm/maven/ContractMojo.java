package dev.zdm.maven;

import dev.zdm.flyway.ZdmCommands;
import dev.zdm.flyway.api.ZdmContractHeldException;
import dev.zdm.flyway.internal.contract.PhaseReport;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.flywaydb.core.api.FlywayException;

/**
 * The contract step of a deploy: {@code mvn zdm:contract} applies the held contract migrations (DROP COLUMN, SET NOT
 * NULL, the end of a rename) once drain evidence shows the old application is gone: no session whose
 * {@code application_name} matches {@code flyway.zdm.drain.oldApplicationName}, no statement on what they remove
 * (pg_stat_statements), and the soak time ({@code flyway.zdm.drain.soak}) or the operator's confirmation
 * ({@code -Dzdm.confirmDrained=<expand version>}). Without it the build fails, listing what is missing and how to
 * provide it; nothing is applied. The evidence and who ran it are recorded in {@code zdm_phase_state}.
 */
@Mojo(name = "contract", requiresProject = false, threadSafe = true, requiresDependencyResolution = ResolutionScope.TEST)
public class ContractMojo extends AbstractFlywayConfiguredMojo {

    /** The operator's word that no application instance older than this migration version still runs. */
    @Parameter(property = "zdm.confirmDrained")
    private String confirmDrained;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Map<String, String> configuration = flywayConfiguration();
        PhaseReport report;
        try {
            report = ZdmCommands.of(flyway(configuration)).contract(confirmDrained == null || confirmDrained.isBlank() ? null
                    : confirmDrained.strip());
        } catch (ZdmContractHeldException e) {
            throw new MojoFailureException(Secrets.redact(e.getMessage(), configuration));
        } catch (FlywayException e) {
            // Flyway's messages may quote the JDBC URL, which may carry a password.
            throw new MojoExecutionException("zdm:contract: " + Secrets.redact(e.getMessage(), configuration));
        }
        report.toText().lines().forEach(line -> getLog().info(Secrets.redact(line, configuration)));
    }
}
