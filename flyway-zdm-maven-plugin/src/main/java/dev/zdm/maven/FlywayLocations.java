package dev.zdm.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.Resource;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Where the migrations are, as the project's Flyway configuration says: the {@code <locations>} of the
 * flyway-maven-plugin in the project model, else the {@code flyway.locations} property (user, then project),
 * else {@code filesystem:src/main/resources/db/migration}. A relative {@code filesystem:} location is taken
 * from the project directory; a {@code classpath:} location (or one without prefix) is looked up in the
 * project's resource directories and in {@code target/classes}.
 */
final class FlywayLocations {
    static final String DEFAULT = "filesystem:src/main/resources/db/migration";

    private FlywayLocations() {
    }

    /** The configured locations, as Flyway writes them. */
    static List<String> configured(MavenProject project, Properties userProperties) {
        if (project != null) {
            for (Plugin plugin : project.getBuildPlugins()) {
                if ("org.flywaydb".equals(plugin.getGroupId()) && "flyway-maven-plugin".equals(plugin.getArtifactId())
                        && plugin.getConfiguration() instanceof Xpp3Dom config && config.getChild("locations") != null) {
                    List<String> out = new ArrayList<>();
                    Xpp3Dom locations = config.getChild("locations");
                    if (locations.getChildCount() == 0 && locations.getValue() != null) {
                        out.addAll(split(locations.getValue()));
                    }
                    for (Xpp3Dom child : locations.getChildren()) {
                        if (child.getValue() != null && !child.getValue().isBlank()) {
                            out.add(child.getValue().trim());
                        }
                    }
                    if (!out.isEmpty()) {
                        return out;
                    }
                }
            }
        }
        String property = userProperties == null ? null : userProperties.getProperty("flyway.locations");
        if (property == null && project != null) {
            property = project.getProperties().getProperty("flyway.locations");
        }
        return property == null || property.isBlank() ? List.of(DEFAULT) : split(property);
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
