package dev.zdm.maven;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.flywaydb.core.Flyway;

/**
 * A goal that reads the project's Flyway configuration exactly as flyway-maven-plugin 13.12 does (see
 * {@link FlywayMavenConfiguration} for the sources and their precedence), so that {@code mvn zdm:status
 * -Dflyway.url=...} works wherever {@code mvn flyway:info -Dflyway.url=...} does. Flyway then loads with the project's
 * compile and runtime class path (Java migrations, classpath: locations, JDBC drivers), as with the Flyway plugin.
 */
abstract class AbstractFlywayConfiguredMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${settings}", readonly = true)
    private Settings settings;

    @Component
    private SettingsDecrypter settingsDecrypter;

    /** What the build hands over: the project, -D properties, system properties, environment, settings.xml. */
    FlywayMavenConfiguration.Inputs inputs() {
        return new FlywayMavenConfiguration.Inputs(project, session == null ? null : session.getUserProperties(),
                System.getProperties(), System.getenv(), settings, settingsDecrypter);
    }

    /** The effective {@code flyway.*} configuration (it may hold a password: never log it). */
    Map<String, String> flywayConfiguration() {
        return FlywayMavenConfiguration.resolve(inputs());
    }

    /** The directory the project's relative paths are taken from, as Flyway's {@code workingDirectory}. */
    File workingDirectory() {
        return FlywayMavenConfiguration.workingDirectory(inputs());
    }

    /** Flyway with {@code configuration} (from {@link #flywayConfiguration()}), configured as {@code mvn flyway:info} would be, with the project's class path. */
    Flyway flyway(Map<String, String> configuration) throws MojoExecutionException {
        return Flyway.configure(projectClassLoader()).configuration(configuration).load();
    }

    private ClassLoader projectClassLoader() throws MojoExecutionException {
        ClassLoader parent = getClass().getClassLoader();
        if (project == null) {
            return parent;
        }
        Set<URL> urls = new LinkedHashSet<>();
        try {
            for (String element : project.getCompileClasspathElements()) {
                urls.add(new File(element).toURI().toURL());
            }
            for (String element : project.getRuntimeClasspathElements()) {
                urls.add(new File(element).toURI().toURL());
            }
        } catch (DependencyResolutionRequiredException | MalformedURLException e) {
            throw new MojoExecutionException("Could not read the project's class path for Flyway: " + e.getMessage(), e);
        }
        return urls.isEmpty() ? parent : new URLClassLoader(urls.toArray(new URL[0]), parent);
    }
}
