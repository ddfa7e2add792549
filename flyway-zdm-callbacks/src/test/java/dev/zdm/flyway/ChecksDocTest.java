package dev.zdm.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.flyway.internal.verify.Checks;
import dev.zdm.flyway.internal.verify.ChecksDoc;
import dev.zdm.flyway.internal.verify.IntegrityCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/checks.md is generated from the zdm:verify check classes; this test fails when the file has drifted. */
class ChecksDocTest {
    private static final Path DOC = Path.of("..", "docs", "checks.md");

    @Test
    void docsChecksMdMatchesTheCheckClasses() throws Exception {
        String expected = ChecksDoc.render();
        if (Boolean.getBoolean("zdm.updateDocs")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/checks.md is out of date: run mvn -pl flyway-zdm-callbacks -am test -Dtest=ChecksDocTest "
                        + "-Dsurefire.failIfNoSpecifiedTests=false -Dzdm.updateDocs=true")
                .isEqualTo(expected);
    }

    @Test
    void everyCheckHasAUniqueIdNameAndCompleteText() {
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (IntegrityCheck c : Checks.all()) {
            assertThat(c.id()).matches("ZDV\\d\\d");
            assertThat(ids.add(c.id())).as("unique id %s", c.id()).isTrue();
            assertThat(names.add(c.name())).as("unique name %s", c.name()).isTrue();
            assertThat(c.summary()).isNotBlank();
            assertThat(c.why()).as("why of %s", c.id()).hasSizeGreaterThan(60);
            assertThat(c.fix()).as("fix of %s", c.id()).hasSizeGreaterThan(30);
        }
    }
}
