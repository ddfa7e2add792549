package dev.zdm.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.core.lint.MigrationSource;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.Resource;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlywayLocationsTest {

    private static MavenProject project(File baseDir) {
        Model model = new Model();
        model.setBuild(new org.apache.maven.model.Build());
        MavenProject project = new MavenProject(model);
        project.setFile(new File(baseDir, "pom.xml"));
        return project;
    }

    private static String locations(MavenProject project, Properties user) {
        Properties system = new Properties();
        system.putAll(user);
        system.setProperty("user.home", project.getBasedir().getAbsolutePath());
        return FlywayMavenConfiguration.resolve(new FlywayMavenConfiguration.Inputs(project, user, system, Map.of(), null, null))
                .get("flyway.locations");
    }

    /**
     * Flyway's precedence (flyway-maven-plugin 13.12): the plugin's {@code <locations>} (relative filesystem ones made
     * absolute), else its default under the project; a {@code flyway.locations} pom property overrides them, and -D
     * overrides the property. (Before the base mojo, zdm:lint let {@code <locations>} beat the property, unlike Flyway.)
     */
    @Test
    void locationsFollowFlywaysPrecedenceDefaultThenConfigurationThenPropertyThenCommandLine(@TempDir Path dir) {
        MavenProject project = project(dir.toFile());
        assertThat(locations(project, new Properties()))
                .isEqualTo("filesystem:" + dir.toFile().getAbsolutePath() + "/src/main/resources/db/migration");

        Plugin flyway = new Plugin();
        flyway.setGroupId("org.flywaydb");
        flyway.setArtifactId("flyway-maven-plugin");
        Xpp3Dom config = new Xpp3Dom("configuration");
        Xpp3Dom locations = new Xpp3Dom("locations");
        for (String l : List.of("filesystem:db/one", "classpath:db/two")) {
            Xpp3Dom location = new Xpp3Dom("location");
            location.setValue(l);
            locations.addChild(location);
        }
        config.addChild(locations);
        flyway.setConfiguration(config);
        project.getBuild().addPlugin(flyway);
        assertThat(FlywayLocations.split(locations(project, new Properties())))
                .containsExactly("filesystem:" + dir.resolve("db/one").toFile().getAbsolutePath(), "classpath:db/two");

        project.getProperties().setProperty("flyway.locations", "classpath:db/a, filesystem:sql");
        assertThat(FlywayLocations.split(locations(project, new Properties()))).containsExactly("classpath:db/a", "filesystem:sql");
        Properties user = new Properties();
        user.setProperty("flyway.locations", "filesystem:from-command-line");
        assertThat(locations(project, user)).isEqualTo("filesystem:from-command-line");
    }

    @Test
    void relativeFilesystemAndClasspathLocationsResolveAgainstTheProject(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("db/one"));
        Files.createDirectories(dir.resolve("src/sql/db/two"));
        Files.writeString(dir.resolve("db/one/V1__a.sql"), "CREATE TABLE a (id bigint PRIMARY KEY);");
        Files.writeString(dir.resolve("src/sql/db/two/V2__b.sql"), "CREATE INDEX a_id ON a (id);");
        Files.writeString(dir.resolve("src/sql/db/two/V2__b.sql.conf"), "executeInTransaction=false\n");
        Files.writeString(dir.resolve("src/sql/db/two/beforeMigrate.sql"), "SELECT 1;");
        MavenProject project = project(dir.toFile());
        Resource resource = new Resource();
        resource.setDirectory("src/sql");
        project.getBuild().addResource(resource);

        List<File> one = FlywayLocations.directories("filesystem:db/one", dir.toFile(), project);
        List<File> two = FlywayLocations.directories("classpath:db/two", dir.toFile(), project);
        assertThat(one).containsExactly(dir.resolve("db/one").toFile().getAbsoluteFile());
        assertThat(two).containsExactly(dir.resolve("src/sql/db/two").toFile().getAbsoluteFile());

        List<MigrationSource> sources = MigrationFiles.read(List.of(one.get(0), two.get(0)), dir.toFile());
        assertThat(sources).extracting(MigrationSource::fileName).containsExactly("V1__a.sql", "V2__b.sql");
        assertThat(sources.get(1).path()).isEqualTo("src/sql/db/two/V2__b.sql");
        assertThat(sources.get(1).executeInTransaction()).isFalse();
    }
}
