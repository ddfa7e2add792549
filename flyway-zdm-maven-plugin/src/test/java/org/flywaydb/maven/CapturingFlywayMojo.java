package org.flywaydb.maven;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * flyway-maven-plugin 13.12's own base mojo (package-private, hence this package), run as {@code flyway:info} would run
 * it, keeping the configuration it builds instead of connecting. Its parameters are injected from a
 * {@code <configuration>} element as Maven would: strings, arrays from child elements, maps from named children.
 */
public class CapturingFlywayMojo extends AbstractFlywayMojo {
    public Configuration captured;

    public CapturingFlywayMojo(MavenProject project, Xpp3Dom configuration) throws ReflectiveOperationException {
        set("mavenProject", project);
        set("settings", new Settings());
        if (configuration != null) {
            for (Xpp3Dom child : configuration.getChildren()) {
                inject(child);
            }
        }
    }

    @Override
    protected void doExecute(Flyway flyway) {
        captured = flyway.getConfiguration();
    }

    private void inject(Xpp3Dom element) throws ReflectiveOperationException {
        Field field = AbstractFlywayMojo.class.getDeclaredField(element.getName());
        Class<?> type = field.getType();
        Object value;
        if (type == String[].class) {
            List<String> items = new ArrayList<>();
            for (Xpp3Dom item : element.getChildren()) {
                items.add(item.getValue());
            }
            value = items.toArray(new String[0]);
        } else if (type == Map.class) {
            Map<String, String> map = new LinkedHashMap<>();
            for (Xpp3Dom entry : element.getChildren()) {
                map.put(entry.getName(), entry.getValue());
            }
            value = map;
        } else if (type == Boolean.class) {
            value = Boolean.valueOf(element.getValue());
        } else if (type == Integer.class) {
            value = Integer.valueOf(element.getValue());
        } else {
            value = element.getValue();
        }
        field.setAccessible(true);
        field.set(this, value);
    }

    private void set(String name, Object value) throws ReflectiveOperationException {
        Field field = AbstractFlywayMojo.class.getDeclaredField(name);
        field.setAccessible(true);
        field.set(this, value);
    }
}
