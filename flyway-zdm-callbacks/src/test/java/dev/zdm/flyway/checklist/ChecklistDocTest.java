package dev.zdm.flyway.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.flyway.internal.checklist.ChecklistDoc;
import dev.zdm.flyway.internal.checklist.ChecklistItem;
import dev.zdm.flyway.internal.checklist.ChecklistItems;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/checklist.md is generated from the zdm:checklist item classes; this test fails when the file has drifted. */
class ChecklistDocTest {
    private static final Path DOC = Path.of("..", "docs", "checklist.md");

    @Test
    void docsChecklistMdMatchesTheItemClasses() throws Exception {
        String expected = ChecklistDoc.render();
        if (Boolean.getBoolean("zdm.updateDocs")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/checklist.md is out of date: run mvn -pl flyway-zdm-callbacks -am test -Dtest=ChecklistDocTest "
                        + "-Dsurefire.failIfNoSpecifiedTests=false -Dzdm.updateDocs=true")
                .isEqualTo(expected);
    }

    @Test
    void everyItemHasAUniqueIdNameAndCompleteTextInTheSeedsOrder() {
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (ChecklistItem i : ChecklistItems.all()) {
            assertThat(i.id()).matches("ZDC\\d\\d");
            assertThat(ids.add(i.id())).as("unique id %s", i.id()).isTrue();
            assertThat(names.add(i.name())).as("unique name %s", i.name()).isTrue();
            assertThat(i.summary()).isNotBlank();
            assertThat(i.why()).as("why of %s", i.id()).hasSizeGreaterThan(60);
            assertThat(i.fix()).as("fix of %s", i.id()).hasSizeGreaterThan(30);
        }
        // The seed's "Before running" list, word for word (../shared/seed/zero-downtime-database-migrations.txt).
        assertThat(ChecklistItems.all()).extracting(ChecklistItem::question).isEqualTo(List.of("Tested on production-size dataset?",
                "Migration is backwards compatible?", "Batched for large tables?", "Indexes created concurrently?",
                "Rollback plan ready?"));
    }
}
