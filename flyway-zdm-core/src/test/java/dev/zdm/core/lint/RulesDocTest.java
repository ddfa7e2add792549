package dev.zdm.core.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/rules.md is generated from the rule classes; this test fails when the file has drifted. */
class RulesDocTest {
    private static final Path DOC = Path.of("..", "docs", "rules.md");

    @Test
    void docsRulesMdMatchesTheRuleClasses() throws Exception {
        String expected = RulesDoc.render();
        if (Boolean.getBoolean("zdm.updateDocs")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/rules.md is out of date: run mvn -pl flyway-zdm-core test -Dtest=RulesDocTest -Dzdm.updateDocs=true")
                .isEqualTo(expected);
    }

    @Test
    void everyRuleHasAUniqueIdNameAndCompleteText() {
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Rule r : Rules.all()) {
            assertThat(r.id()).matches("ZDM1\\d\\d");
            assertThat(ids.add(r.id())).as("unique id %s", r.id()).isTrue();
            assertThat(names.add(r.name())).as("unique name %s", r.name()).isTrue();
            assertThat(r.summary()).isNotBlank();
            assertThat(r.why()).as("why of %s", r.id()).hasSizeGreaterThan(60);
            assertThat(r.safeRewrite()).as("safe rewrite of %s", r.id()).hasSizeGreaterThan(30);
        }
    }
}
