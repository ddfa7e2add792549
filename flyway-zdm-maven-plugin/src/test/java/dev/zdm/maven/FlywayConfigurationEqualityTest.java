package dev.zdm.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.flyway.internal.ZdmSettings;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.codehaus.plexus.classworlds.ClassWorld;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.maven.CapturingFlywayMojo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zdm goals' Flyway configuration equals flyway-maven-plugin 13.12's for the same project: its own mojo runs here
 * as {@code flyway:info} would, next to ours, on a project configured through every source at once, each overriding
 * some keys of the one before: {@code <configuration>} (with {@code <pluginConfiguration>}), pom properties, a
 * {@code configFiles} file, the environment (set for this module's tests in its pom: FLYWAY_TABLE, FLYWAY_CONNECT_RETRIES,
 * FLYWAY_ZDM_LINT_SINCE) and -D system properties.
 */
class FlywayConfigurationEqualityTest {
    private static final List<String> SYSTEM = List.of("flyway.user", "flyway.placeholders.fromCli", "flyway.zdm.lint.failOn");

    /** Set by the build for the test harness; flyway-maven-plugin would hand it to flyway-zdm as flyway.zdm.test.pgVersion. */
    private String harnessProperty;

    @BeforeEach
    void withoutTheHarnessProperty() {
        harnessProperty = System.clearProperty("zdm.test.pgVersion");
    }

    @AfterEach
    void clearSystemProperties() {
        SYSTEM.forEach(System::clearProperty);
        if (harnessProperty != null) {
            System.setProperty("zdm.test.pgVersion", harnessProperty);
        }
    }

    @Test
    void everySourceInFlywaysPrecedenceGivesTheSameConfigurationAsFlywayInfo(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/flyway.conf"), """
                flyway.defaultSchema=app
                flyway.placeholders.fromFile=file
                flyway.placeholders.fromPom=overridden by the file
                flyway.zdm.lint.smallTableRows=700
                """);
        Xpp3Dom configuration = Xpp3DomBuilder.build(new java.io.StringReader("""
                <configuration>
                  <url>jdbc:postgresql://127.0.0.1:5432/from_configuration</url>
                  <user>configuration_user</user>
                  <password>s3cret</password>
                  <schemas><schema>app</schema><schema>audit</schema></schemas>
                  <table>configuration_history</table>
                  <locations><location>filesystem:db/migration</location><location>classpath:db/extra</location></locations>
                  <placeholders><fromConfiguration>configuration</fromConfiguration><fromPom>overridden by the pom</fromPom></placeholders>
                  <configFiles><configFile>conf/flyway.conf</configFile></configFiles>
                  <pluginConfiguration><zdm.lint.smallTableRows>500</zdm.lint.smallTableRows><zdm.lint.rules>ZDM102:off</zdm.lint.rules></pluginConfiguration>
                </configuration>
                """));
        MavenProject project = project(dir.toFile(), configuration);
        project.getProperties().setProperty("flyway.placeholders.fromPom", "pom");
        project.getProperties().setProperty("flyway.zdm.lint.failOn", "warning");
        System.setProperty("flyway.user", "cli_user");
        System.setProperty("flyway.placeholders.fromCli", "cli");
        System.setProperty("flyway.zdm.lint.failOn", "info");

        Configuration flywayInfo = flywayInfo(project, configuration);
        Configuration zdm = zdm(project);

        assertThat(describe(zdm)).isEqualTo(describe(flywayInfo));
        // And the precedence is the one expected, so the equality is not between two empty configurations.
        assertThat(zdm.getUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/from_configuration");
        assertThat(zdm.getUser()).as("-D beats <user>").isEqualTo("cli_user");
        assertThat(zdm.getSchemas()).containsExactly("app", "audit");
        assertThat(zdm.getDefaultSchema()).as("from the configFiles file").isEqualTo("app");
        assertThat(zdm.getTable()).as("the environment beats <table>").isEqualTo("env_history");
        assertThat(zdm.getConnectRetries()).as("FLYWAY_CONNECT_RETRIES").isEqualTo(2);
        assertThat(Arrays.stream(zdm.getLocations()).map(Location::getDescriptor)).containsExactlyInAnyOrder(
                "filesystem:" + dir.resolve("db/migration").toFile().getAbsolutePath(), "classpath:db/extra");
        assertThat(zdm.getPlaceholders()).containsEntry("fromConfiguration", "configuration").containsEntry("fromPom", "overridden by the file")
                .containsEntry("fromFile", "file").containsEntry("fromCli", "cli");
        ZdmSettings settings = ZdmSettings.of(zdm);
        assertThat(settings.lint().failOn()).as("-D beats the pom property").isEqualTo("info");
        assertThat(settings.lint().smallTableRows()).as("the configFiles file beats <pluginConfiguration>").isEqualTo(700);
        assertThat(settings.lint().rules()).as("<pluginConfiguration>").containsExactly(java.util.Map.entry("ZDM102", "off"));
        assertThat(settings.lint().since()).as("FLYWAY_ZDM_LINT_SINCE").isEqualTo("5");
    }

    @Test
    void withoutAnyConfigurationBothUseTheDefaultLocationUnderTheProject(@TempDir Path dir) throws Exception {
        MavenProject project = project(dir.toFile(), null);
        Configuration zdm = zdm(project);
        assertThat(describe(zdm)).isEqualTo(describe(flywayInfo(project, null)));
        assertThat(zdm.getLocations()[0].getDescriptor())
                .isEqualTo("filesystem:" + dir.toFile().getAbsolutePath() + "/src/main/resources/db/migration");
    }

    private static Configuration flywayInfo(MavenProject project, Xpp3Dom configuration) throws Exception {
        CapturingFlywayMojo mojo = new CapturingFlywayMojo(project, configuration);
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        // flyway-maven-plugin adds the project's class path to its plugin realm, which it expects as context class loader.
        ClassWorld world = new ClassWorld("flyway-plugin", FlywayConfigurationEqualityTest.class.getClassLoader());
        thread.setContextClassLoader(world.getRealm("flyway-plugin"));
        try {
            mojo.execute();
        } finally {
            thread.setContextClassLoader(before);
        }
        return mojo.captured;
    }

    private static Configuration zdm(MavenProject project) {
        Properties user = new Properties();
        SYSTEM.forEach(key -> {
            if (System.getProperty(key) != null) {
                user.setProperty(key, System.getProperty(key));
            }
        });
        Map<String, String> conf = FlywayMavenConfiguration.resolve(new FlywayMavenConfiguration.Inputs(project, user,
                System.getProperties(), System.getenv(), new Settings(), null));
        return Flyway.configure(FlywayConfigurationEqualityTest.class.getClassLoader()).configuration(conf).load().getConfiguration();
    }

    /** Every setting the comparison covers, as text. */
    private static String describe(Configuration c) {
        ZdmSettings zdm = ZdmSettings.of(c);
        return String.join("\n", "url=" + c.getUrl(), "user=" + c.getUser(), "password=" + c.getPassword(),
                "schemas=" + String.join(",", c.getSchemas()), "defaultSchema=" + c.getDefaultSchema(), "table=" + c.getTable(),
                "locations=" + Arrays.stream(c.getLocations()).map(Location::getDescriptor).toList(),
                "placeholders=" + new java.util.TreeMap<>(c.getPlaceholders()), "connectRetries=" + c.getConnectRetries(),
                "sqlMigrationPrefix=" + c.getSqlMigrationPrefix(), "baselineOnMigrate=" + c.isBaselineOnMigrate(),
                "zdm=" + zdm.summary());
    }

    static MavenProject project(File baseDir, Xpp3Dom flywayConfiguration) {
        Model model = new Model();
        model.setGroupId("dev.zdm.it");
        model.setArtifactId("equality");
        model.setVersion("1");
        model.setBuild(new Build());
        MavenProject project = new MavenProject(model);
        project.setFile(new File(baseDir, "pom.xml"));
        project.getBuild().setOutputDirectory(new File(baseDir, "target/classes").getAbsolutePath());
        project.getBuild().setDirectory(new File(baseDir, "target").getAbsolutePath());
        if (flywayConfiguration != null) {
            Plugin flyway = new Plugin();
            flyway.setGroupId("org.flywaydb");
            flyway.setArtifactId("flyway-maven-plugin");
            flyway.setConfiguration(flywayConfiguration);
            project.getBuild().addPlugin(flyway);
        }
        return project;
    }
}
