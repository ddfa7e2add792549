package dev.zdm.maven;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/** Where a goal's report goes: standard output, or {@code zdm.output} (relative to the project directory). */
final class ReportOutput {
    private ReportOutput() {
    }

    /** Writes {@code report}; returns the file written, or null for standard output. */
    static File write(String report, File output, MavenProject project, Log log, String goal) throws IOException {
        if (output == null) {
            PrintStream out = System.out;
            out.print(report);
            out.flush();
            return null;
        }
        File target = output.isAbsolute() || project == null || project.getBasedir() == null ? output
                : new File(project.getBasedir(), output.getPath());
        if (target.getParentFile() != null) {
            Files.createDirectories(target.getParentFile().toPath());
        }
        Files.writeString(target.toPath(), report, StandardCharsets.UTF_8);
        log.info(goal + ": report written to " + target);
        return target;
    }
}
