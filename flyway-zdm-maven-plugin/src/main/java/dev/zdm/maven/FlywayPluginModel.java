package dev.zdm.maven;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The {@code <configuration>} the project gives flyway-maven-plugin, as {@code mvn flyway:info} would receive it: the
 * plugin's configuration in {@code <build><plugins>} (else in {@code <pluginManagement>}, which Maven applies to a goal
 * run from the command line), merged with its {@code default-cli} execution's. The model is interpolated already, so
 * {@code ${...}} of project and user properties are resolved.
 */
final class FlywayPluginModel {
    static final String GROUP_ID = "org.flywaydb";
    static final String ARTIFACT_ID = "flyway-maven-plugin";

    private final Xpp3Dom configuration;

    private FlywayPluginModel(Xpp3Dom configuration) {
        this.configuration = configuration;
    }

    static FlywayPluginModel of(MavenProject project) {
        Plugin plugin = project == null ? null : find(project);
        if (plugin == null) {
            return new FlywayPluginModel(null);
        }
        Xpp3Dom config = plugin.getConfiguration() instanceof Xpp3Dom dom ? new Xpp3Dom(dom) : null;
        for (PluginExecution execution : plugin.getExecutions()) {
            if ("default-cli".equals(execution.getId()) && execution.getConfiguration() instanceof Xpp3Dom cli) {
                config = config == null ? new Xpp3Dom(cli) : Xpp3Dom.mergeXpp3Dom(new Xpp3Dom(cli), config);
            }
        }
        return new FlywayPluginModel(config);
    }

    private static Plugin find(MavenProject project) {
        for (Plugin plugin : project.getBuildPlugins()) {
            if (GROUP_ID.equals(plugin.getGroupId()) && ARTIFACT_ID.equals(plugin.getArtifactId())) {
                return plugin;
            }
        }
        if (project.getPluginManagement() != null) {
            for (Plugin plugin : project.getPluginManagement().getPlugins()) {
                if (GROUP_ID.equals(plugin.getGroupId()) && ARTIFACT_ID.equals(plugin.getArtifactId())) {
                    return plugin;
                }
            }
        }
        return null;
    }

    /** A plain parameter, e.g. {@code <url>}; null when absent or empty. */
    String text(String name) {
        Xpp3Dom child = configuration == null ? null : configuration.getChild(name);
        if (child == null || child.getValue() == null) {
            return null;
        }
        String value = child.getValue().trim();
        return value.isEmpty() ? null : value;
    }

    /**
     * A list parameter, e.g. {@code <schemas><schema>a</schema></schemas>}, or (as Maven also accepts for arrays) a
     * comma-separated value; null when absent.
     */
    String[] array(String name) {
        Xpp3Dom child = configuration == null ? null : configuration.getChild(name);
        if (child == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (child.getChildCount() == 0) {
            if (child.getValue() == null) {
                return null;
            }
            for (String part : child.getValue().split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        for (Xpp3Dom item : child.getChildren()) {
            out.add(item.getValue() == null ? "" : item.getValue().trim());
        }
        return out.toArray(new String[0]);
    }

    /** A map parameter, e.g. {@code <placeholders><name>value</name></placeholders>}; null when absent. */
    Map<String, String> map(String name) {
        Xpp3Dom child = configuration == null ? null : configuration.getChild(name);
        if (child == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Xpp3Dom entry : child.getChildren()) {
            out.put(entry.getName(), entry.getValue());
        }
        return out;
    }
}
