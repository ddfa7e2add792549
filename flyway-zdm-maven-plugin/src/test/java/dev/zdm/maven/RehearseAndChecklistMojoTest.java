package dev.zdm.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.Field;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

/**
 * {@code zdm:rehearse} never runs without a rehearsal URL nor on the target's own {@code flyway.url}, and
 * {@code zdm:checklist} refuses a bad format or fraction, each before it connects.
 */
class RehearseAndChecklistMojoTest {

    private static void set(Object mojo, String field, Object value) throws Exception {
        Field f = mojo.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(mojo, value);
    }

    @Test
    void rehearseNeedsARehearsalUrl() {
        assertThatThrownBy(() -> new RehearseMojo().execute()).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("set -Dzdm.rehearsalUrl to the JDBC URL of a restored copy of the target");
    }

    @Test
    void rehearseRefusesTheTargetsOwnUrl() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:1/zdm_never_connected";
        RehearseMojo mojo = new RehearseMojo();
        set(mojo, "rehearsalUrl", url);
        String before = System.getProperty("flyway.url");
        System.setProperty("flyway.url", url);
        try {
            assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                    .hasMessageContaining("zdm.rehearsalUrl is the target's flyway.url; rehearse on a restored copy");
        } finally {
            if (before == null) {
                System.clearProperty("flyway.url");
            } else {
                System.setProperty("flyway.url", before);
            }
        }
    }

    @Test
    void theRecordDefaultsToTheProjectDirectory() {
        File base = new File("/work/project");
        assertThat(RehearseMojo.recordFile(null, base)).isEqualTo(new File(base, "zdm-rehearsals.json"));
        assertThat(RehearseMojo.recordFile(new File("records/r.json"), base)).isEqualTo(new File(base, "records/r.json"));
        assertThat(RehearseMojo.recordFile(new File("/tmp/r.json"), base)).isEqualTo(new File("/tmp/r.json"));
    }

    @Test
    void checklistRefusesAnUnknownFormat() throws Exception {
        ChecklistMojo mojo = new ChecklistMojo();
        set(mojo, "format", "html");
        set(mojo, "rehearsalFraction", 0.5);
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("zdm.format must be text, markdown or json, not 'html'");
    }

    @Test
    void checklistRefusesAFractionOutsideZeroToOne() throws Exception {
        ChecklistMojo mojo = new ChecklistMojo();
        set(mojo, "format", "text");
        set(mojo, "rehearsalFraction", 1.5);
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("zdm.rehearsalFraction must be above 0 and at most 1, not 1.5");
    }
}
