package dev.zdm.maven;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/** Where a goal's report goes: standard output, or {@code zdm.output} (relative to the project directory). */
final class ReportOutput {
    private ReportOutput() {
    }

    /**
     * The report format {@code value} names (any case, blanks ignored; unset is {@code text}), one of {@code allowed}.
     *
     * @throws MojoExecutionException naming the goal and the formats it writes
     */
    static String format(String value, String goal, String... allowed) throws MojoExecutionException {
        String f = value == null ? "text" : value.trim().toLowerCase(Locale.ROOT);
        if (!List.of(allowed).contains(f)) {
            String names = allowed.length == 2 ? allowed[0] + " or " + allowed[1]
                    : String.join(", ", List.of(allowed).subList(0, allowed.length - 1)) + " or " + allowed[allowed.length - 1];
            throw new MojoExecutionException(goal + ": zdm.format must be " + names + ", not '" + value + "'");
        }
        return f;
    }

    /** {@code output}, relative to the project directory when it is relative and there is a project. */
    static File resolve(File output, MavenProject project) {
        return output.isAbsolute() || project == null || project.getBasedir() == null ? output
                : new File(project.getBasedir(), output.getPath());
    }

    /** A UTF-8 stream to {@code target} (created with its folders, emptied), for a goal that writes as it goes. */
    static PrintStream open(File target) throws IOException {
        if (target.getParentFile() != null) {
            Files.createDirectories(target.getParentFile().toPath());
        }
        return new PrintStream(Files.newOutputStream(target.toPath()), false, StandardCharsets.UTF_8);
    }

    /** Writes {@code report}; returns the file written, or null for standard output. */
    static File write(String report, File output, MavenProject project, Log log, String goal) throws IOException {
        if (output == null) {
            PrintStream out = System.out;
            out.print(report);
            out.flush();
            return null;
        }
        File target = resolve(output, project);
        if (target.getParentFile() != null) {
            Files.createDirectories(target.getParentFile().toPath());
        }
        Files.writeString(target.toPath(), report, StandardCharsets.UTF_8);
        log.info(goal + ": report written to " + target);
        return target;
    }
}
