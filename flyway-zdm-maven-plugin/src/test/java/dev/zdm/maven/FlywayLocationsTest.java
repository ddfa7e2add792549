package dev.zdm.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.core.lint.MigrationSource;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void theFlywayPluginConfigurationComesFirstThenThePropertyThenTheDefault(@TempDir Path dir) {
        MavenProject project = project(dir.toFile());
        assertThat(FlywayLocations.configured(project, new Properties())).containsExactly(FlywayLocations.DEFAULT);

        project.getProperties().setProperty("flyway.locations", "classpath:db/a, filesystem:sql");
        assertThat(FlywayLocations.configured(project, new Properties())).containsExactly("classpath:db/a", "filesystem:sql");
        Properties user = new Properties();
        user.setProperty("flyway.locations", "filesystem:from-command-line");
        assertThat(FlywayLocations.configured(project, user)).containsExactly("filesystem:from-command-line");

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
        assertThat(FlywayLocations.configured(project, user)).containsExactly("filesystem:db/one", "classpath:db/two");
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
