package dev.zdm.maven;

import dev.zdm.core.backfill.BackfillAction;
import dev.zdm.core.backfill.BackfillException;
import dev.zdm.core.backfill.BackfillReport;
import dev.zdm.flyway.ZdmCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.flywaydb.core.api.FlywayException;

/**
 * Background backfill jobs (recorded by migrations marked {@code background}): {@code mvn zdm:backfill} runs the pending
 * ones to the end, with progress lines, resumable (interrupt it, run it again: it continues after the last committed
 * batch), next to other runners (application workers, another {@code zdm:backfill}): one runs a job at a time, the others
 * wait and take it over if that one dies. {@code -Dzdm.pause=<id>}, {@code -Dzdm.resume=<id>}, {@code -Dzdm.cancel=<id>},
 * {@code -Dzdm.retry=<id>} control one job instead (honoured by its runner between two batches); the id is the job's
 * ({@code mvn zdm:status} lists them) or its migration's script when that has one job. Connects with the project's
 * Flyway configuration, as {@code mvn flyway:migrate} does. Fails when a run failed.
 */
@Mojo(name = "backfill", requiresProject = false, threadSafe = true, requiresDependencyResolution = ResolutionScope.TEST)
public class BackfillMojo extends AbstractFlywayConfiguredMojo {

    /** Pause this job after its current batch. */
    @Parameter(property = "zdm.pause")
    private String pause;

    /** Let runners take this paused job again. */
    @Parameter(property = "zdm.resume")
    private String resume;

    /** Stop this job for good after its current batch (retry queues it again). */
    @Parameter(property = "zdm.cancel")
    private String cancel;

    /** Queue this failed, cancelled or incomplete job again. */
    @Parameter(property = "zdm.retry")
    private String retry;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        BackfillAction action = action();
        Map<String, String> configuration = flywayConfiguration();
        BackfillReport report;
        try {
            report = ZdmCommands.of(flyway(configuration)).backfill(action);
        } catch (FlywayException | BackfillException e) {
            // Flyway's messages may quote the JDBC URL, which may carry a password.
            throw new MojoExecutionException("zdm:backfill: " + Secrets.redact(e.getMessage(), configuration));
        }
        if (action.kind() != BackfillAction.Kind.RUN) {
            getLog().info("zdm:backfill: " + action.kind().name().toLowerCase(Locale.ROOT) + " " + action.id() + " done");
        }
        String text = Secrets.redact(report.toText(), configuration);
        text.lines().forEach(getLog()::info);
        if (!report.succeeded()) {
            throw new MojoFailureException("zdm:backfill: a backfill job failed (see above); fix the cause, then mvn zdm:backfill "
                    + "-Dzdm.retry=<id>");
        }
    }

    private BackfillAction action() throws MojoExecutionException {
        List<BackfillAction> asked = new ArrayList<>();
        if (!blank(pause)) {
            asked.add(BackfillAction.pause(pause.strip()));
        }
        if (!blank(resume)) {
            asked.add(BackfillAction.resume(resume.strip()));
        }
        if (!blank(cancel)) {
            asked.add(BackfillAction.cancel(cancel.strip()));
        }
        if (!blank(retry)) {
            asked.add(BackfillAction.retry(retry.strip()));
        }
        if (asked.size() > 1) {
            throw new MojoExecutionException("zdm:backfill: give one of zdm.pause, zdm.resume, zdm.cancel, zdm.retry at a time, not "
                    + asked.size());
        }
        return asked.isEmpty() ? BackfillAction.runPending() : asked.get(0);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
