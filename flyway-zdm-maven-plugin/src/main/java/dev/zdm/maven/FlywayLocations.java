package dev.zdm.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.model.Resource;
import org.apache.maven.project.MavenProject;

/**
 * The directories of the configured Flyway locations ({@code flyway.locations} of the effective configuration, see
 * {@link FlywayMavenConfiguration}). A relative {@code filesystem:} location is taken from the project directory; a
 * {@code classpath:} location (or one without prefix) is looked up in the project's resource directories and in
 * {@code target/classes}.
 */
final class FlywayLocations {
    static final String DEFAULT = "filesystem:src/main/resources/db/migration";

    private FlywayLocations() {
    }

    static List<String> split(String commaSeparated) {
        List<String> out = new ArrayList<>();
        for (String part : commaSeparated.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    /** The directories a location stands for (those that exist). */
    static List<File> directories(String location, File baseDir, MavenProject project) {
        List<File> out = new ArrayList<>();
        if (location.startsWith("filesystem:")) {
            File dir = new File(location.substring("filesystem:".length()));
            out.add(dir.isAbsolute() ? dir : new File(baseDir, dir.getPath()));
        } else {
            String path = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
            path = path.replaceFirst("^/+", "");
            if (project != null && project.getResources() != null && !project.getResources().isEmpty()) {
                for (Resource resource : project.getResources()) {
                    File dir = new File(resource.getDirectory());
                    out.add(new File(dir.isAbsolute() ? dir : new File(baseDir, resource.getDirectory()), path));
                }
            } else {
                out.add(new File(baseDir, "src/main/resources/" + path));
            }
            out.add(new File(baseDir, "target/classes/" + path));
        }
        return out.stream().filter(File::isDirectory).map(File::getAbsoluteFile).distinct().toList();
    }
}
