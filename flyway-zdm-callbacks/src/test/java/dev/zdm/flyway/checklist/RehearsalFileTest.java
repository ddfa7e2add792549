package dev.zdm.flyway.checklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.flyway.internal.checklist.Rehearsal;
import dev.zdm.flyway.internal.checklist.RehearsalFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rehearsal record zdm:rehearse appends to and zdm:checklist reads. */
class RehearsalFileTest {
    @Test
    void appendsAndFindsTheLatestRehearsalOfThePendingScripts(@TempDir Path dir) {
        RehearsalFile file = new RehearsalFile(dir.resolve("sub/zdm-rehearsals.json"));
        assertThat(file.latest(Map.of("V3__x.sql", 1))).isEmpty();
        Rehearsal first = new Rehearsal(Instant.parse("2026-11-01T08:00:00Z"), "copy1", Map.of("V3__x.sql", 1),
                Map.of("public.orders", 10L), Map.of("V3__x.sql", Duration.ofMillis(1200)));
        Rehearsal second = new Rehearsal(Instant.parse("2026-11-02T08:00:00Z"), "copy2", Map.of("V3__x.sql", 2, "V4__y.sql", 7),
                Map.of("public.orders", 20L), Map.of("V3__x.sql", Duration.ofMillis(900), "V4__y.sql", Duration.ofMillis(5)));
        Rehearsal other = new Rehearsal(Instant.parse("2026-11-03T08:00:00Z"), "copy3", Map.of("V9__z.sql", 9), Map.of(), Map.of());
        file.append(first);
        file.append(second);
        file.append(other);
        assertThat(file.read()).containsExactly(first, second, other);
        assertThat(file.latest(Map.of("V3__x.sql", 1))).contains(second);
        assertThat(file.latest(Map.of("V5__none.sql", 1))).isEmpty();
        assertThat(file.latest(Map.of())).contains(other);
    }

    @Test
    void aDamagedRecordSaysWhatToDo(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("zdm-rehearsals.json");
        Files.writeString(path, "{\"version\": 2, \"rehearsals\": []}");
        assertThatThrownBy(() -> new RehearsalFile(path).read()).isInstanceOf(FlywayException.class)
                .hasMessageContaining("could not read the rehearsal record " + path)
                .hasMessageContaining("expected {\"version\": 1, \"rehearsals\": [...]}")
                .hasMessageContaining("delete it (or restore it from version control) and rehearse again");
    }
}
