package dev.zdm.flyway.internal.resume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The resume log shows a checkpoint's last key as psql would ({@code last_key::text}), now that it is read through
 * BackfillCheckpoints as a list: checked against the server's own text form.
 */
@PostgresTest
class CheckpointEvidenceTest {
    @Test
    void aLastKeyPrintsAsPostgresPrintsTheTextArray(TestDatabase db) throws Exception {
        List<List<String>> keys = List.of(List.of("3000"), List.of("eu", "7"), List.of("a b", "c,d", "q\"uote", "back\\slash"),
                List.of("", "NULL", "null", "{x}"), Arrays.asList("x", null), List.of("tab\there", "ünï", "line\nbreak", "no\u2028quote", "v\u000Btab"));
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("SELECT ?::text[]::text")) {
            for (List<String> key : keys) {
                ps.setArray(1, c.createArrayOf("text", key.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(ResumeFailedMigrations.arrayText(key)).as(key.toString()).isEqualTo(rs.getString(1));
                }
            }
        }
    }
}
