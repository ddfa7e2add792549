package dev.zdm.core.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.core.backfill.BackfillDefaults;
import dev.zdm.core.backfill.BatchedSqlStatement;
import dev.zdm.core.sql.SqlScript;
import dev.zdm.core.sql.SqlStatement;
import dev.zdm.core.sql.StatementKind;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every rule's fix, followed: {@code src/test/resources/lint/fixes/<rule id>.sql} holds an existing schema (setup,
 * taken as released), a migration the rule reports, and the migrations a user writes by following the reported fix.
 * The test checks that those migrations are the fix (every SQL statement of the fix text appears in them, with its
 * {@code <placeholders>} filled), that they lint clean (only the residual rule ids the file names and explains), and
 * that they migrate on a real server after the setup. The format is described in the README beside the corpus.
 */
@PostgresTest
class FixRoundTripTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>]+>");

    record FixCase(String ruleId, int pgVersion, boolean assumeRunner, List<String> residual, String setup, String migration,
                   List<MigrationSource> fixed) {
    }

    @Test
    void everyRuleHasARoundTripCase() {
        for (Rule rule : Rules.all()) {
            assertThat(FixRoundTripTest.class.getResource("/lint/fixes/" + rule.id() + ".sql"))
                    .as("lint/fixes/%s.sql: every rule's fix needs a round-trip case", rule.id()).isNotNull();
        }
    }

    @TestFactory
    Stream<DynamicTest> fixesLintCleanAndMigrate(TestDatabase db) {
        return Rules.all().stream().map(Rule::id)
                .filter(id -> FixRoundTripTest.class.getResource("/lint/fixes/" + id + ".sql") != null)
                .map(id -> DynamicTest.dynamicTest(id, () -> roundTrip(db, read(id))));
    }

    private static void roundTrip(TestDatabase db, FixCase c) throws Exception {
        LintConfig config = LintConfig.defaults().withPostgresVersion(c.pgVersion()).withSince("2")
                .withAssumeRunner(c.assumeRunner());
        MigrationSource setup = MigrationSource.of("V1__setup.sql", c.setup());

        LintResult before = new Linter(config).lint(List.of(setup, MigrationSource.of("V2__change.sql", c.migration())));
        Finding finding = before.findings().stream().filter(f -> f.ruleId().equals(c.ruleId())).findFirst().orElse(null);
        assertThat(finding).as("%s: the case's migration must be reported; got %s", c.ruleId(), before.findings()).isNotNull();

        List<String> written = new ArrayList<>();
        for (MigrationSource m : c.fixed()) {
            SqlScript.parse(m.fileName(), m.text()).statements().forEach(s -> written.add(normal(s.sql())));
        }
        for (SqlStatement s : SqlScript.parse("fix", finding.fix()).statements()) {
            if (s.model().kind() == StatementKind.UNKNOWN) {
                continue;
            }
            Pattern expected = asPattern(normal(s.sql()));
            assertThat(written).as("%s: the fixed migrations must hold the fix's statement '%s'; the fix reads:\n%s",
                    c.ruleId(), s.sql(), finding.fix()).anyMatch(w -> expected.matcher(w).matches());
        }

        List<MigrationSource> after = new ArrayList<>();
        after.add(setup);
        after.addAll(c.fixed());
        LintResult result = new Linter(config).lint(after);
        assertThat(result.findings()).as("%s: the fixed migrations lint clean but for the documented residual %s",
                c.ruleId(), c.residual()).allMatch(f -> c.residual().contains(f.ruleId()));

        String schema = "fix_" + c.ruleId().toLowerCase(Locale.ROOT);
        db.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        try (Connection connection = db.connect()) {
            try (Statement st = connection.createStatement()) {
                st.execute("SET search_path TO " + schema + ", public");
                if (!c.setup().isBlank()) {
                    st.execute(c.setup());
                }
            }
            for (MigrationSource m : c.fixed()) {
                migrate(connection, schema, m);
            }
        }
    }

    /** As Flyway with the flyway-zdm runner would: one transaction, or statement by statement when it cannot be. */
    private static void migrate(Connection connection, String schema, MigrationSource m) throws SQLException {
        SqlScript script = SqlScript.parse(m.fileName(), m.text());
        boolean outside = Boolean.FALSE.equals(m.executeInTransaction()) || script.statements().stream()
                .anyMatch(s -> s.model().mustRunOutsideTransaction() || s.directive("batched").isPresent());
        connection.setAutoCommit(outside);
        int ordinal = 0;
        try (Statement st = connection.createStatement()) {
            for (SqlStatement s : script.statements()) {
                if (s.directive("batched").isPresent()) {
                    BatchedSqlStatement.parse(s.segment()).run(connection, BatchedSqlStatement.backfillId(m.fileName(), String.valueOf(++ordinal)),
                            schema, BackfillDefaults.standard());
                } else {
                    st.execute(s.sql());
                }
            }
            if (!outside) {
                connection.commit();
            }
        } catch (SQLException | RuntimeException e) {
            if (!outside) {
                connection.rollback();
            }
            throw new AssertionError(m.fileName() + " failed on the server: " + e.getMessage() + "\n" + m.text(), e);
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static String normal(String sql) {
        return sql.strip().replaceAll("\\s+", " ").replaceAll(";$", "");
    }

    private static Pattern asPattern(String fixStatement) {
        StringBuilder regex = new StringBuilder();
        var m = PLACEHOLDER.matcher(fixStatement);
        int at = 0;
        while (m.find()) {
            regex.append(Pattern.quote(fixStatement.substring(at, m.start()))).append(".+?");
            at = m.end();
        }
        regex.append(Pattern.quote(fixStatement.substring(at)));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** {@code V2__x.sql} or {@code V2__x.sql executeInTransaction=false} (its script configuration file). */
    private static MigrationSource source(String header, String text) {
        String[] parts = header.split("\\s+");
        Boolean tx = parts.length > 1 && parts[1].equals("executeInTransaction=false") ? Boolean.FALSE : null;
        return new MigrationSource(parts[0], parts[0], text, tx);
    }

    static FixCase read(String ruleId) throws IOException {
        String text;
        try (InputStream in = FixRoundTripTest.class.getResourceAsStream("/lint/fixes/" + ruleId + ".sql")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int pg = 15;
        boolean assumeRunner = true;
        List<String> residual = new ArrayList<>();
        StringBuilder setup = new StringBuilder();
        StringBuilder migration = new StringBuilder();
        List<MigrationSource> fixed = new ArrayList<>();
        StringBuilder current = null;
        String fixedName = null;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("-- pg: ")) {
                pg = Integer.parseInt(line.substring(7).trim());
            } else if (line.equals("-- config: assumeRunner=false")) {
                assumeRunner = false;
            } else if (line.startsWith("-- residual: ")) {
                residual.add(line.substring(13).trim().split("\\s+")[0]);
            } else if (line.equals("-- setup:")) {
                current = setup;
            } else if (line.equals("-- migration:")) {
                current = migration;
            } else if (line.startsWith("-- fixed: ")) {
                if (fixedName != null) {
                    fixed.add(source(fixedName, current.toString()));
                }
                fixedName = line.substring(10).trim();
                current = new StringBuilder();
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        if (fixedName != null) {
            fixed.add(source(fixedName, current.toString()));
        }
        return new FixCase(ruleId, pg, assumeRunner, residual, setup.toString(), migration.toString(), fixed);
    }
}
