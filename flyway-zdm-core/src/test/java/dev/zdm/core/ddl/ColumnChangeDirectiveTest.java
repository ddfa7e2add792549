package dev.zdm.core.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.core.lint.DirectiveProblems;
import dev.zdm.core.lint.Finding;
import dev.zdm.core.lint.LintConfig;
import dev.zdm.core.lint.Linter;
import dev.zdm.core.lint.MigrationSource;
import dev.zdm.core.phase.MigrationPhase;
import dev.zdm.core.phase.PhaseDeclaration;
import dev.zdm.core.sql.Directive;
import dev.zdm.core.sql.DirectiveOptions;
import dev.zdm.core.sql.SqlScript;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code -- zdm:rename-column} and {@code -- zdm:change-type}: options, the spec stored and read back, lint and phase. */
class ColumnChangeDirectiveTest {

    private static ColumnChangeDirective parse(String comment) {
        return ColumnChangeDirective.parse(Directive.parse(comment, 3).orElseThrow());
    }

    private static List<DirectiveProblems.Problem> problems(String text) {
        return DirectiveProblems.of(SqlScript.parse("V2__change.sql", text));
    }

    @Test
    void optionValuesMayBeQuotedWithSpacesAndEscapes() {
        DirectiveOptions o = DirectiveOptions.parse("a=1 b=\"x / 100\" c='it\\'s' d=\"say \\\"hi\\\"\" background");
        assertThat(o.options()).containsExactly(Map.entry("a", "1"), Map.entry("b", "x / 100"), Map.entry("c", "it's"),
                Map.entry("d", "say \"hi\""));
        assertThat(o.words()).containsExactly("background");
        assertThatThrownBy(() -> DirectiveOptions.parse("c='it''s'")).hasMessageContaining("without a space");
        assertThatThrownBy(() -> DirectiveOptions.parse("using=\"amount / 100")).hasMessageContaining("never closed");
    }

    @Test
    void aRenameAndATypeChangeAreReadWithTheirSchemaAndFoldedNames() {
        ColumnChangeDirective rename = parse("-- zdm:rename-column table=App.Users from=Name to='\"FullName\"'");
        assertThat(rename.rename()).isTrue();
        assertThat(rename.table()).isEqualTo(new QualifiedName("app", "users"));
        assertThat(rename.from()).isEqualTo("name");
        assertThat(rename.to()).isEqualTo("FullName");
        assertThat(rename.background()).isFalse();
        assertThat(rename.line()).isEqualTo(3);

        ColumnChangeDirective change = parse("-- zdm:change-type table=users column=amount type=numeric(12,2) using=\"amount::numeric / 100\""
                + " inverse=\"(amount * 100)::integer\" background");
        assertThat(change.rename()).isFalse();
        assertThat(change.type()).isEqualTo("numeric(12,2)");
        assertThat(change.using()).isEqualTo("amount::numeric / 100");
        assertThat(change.inverse()).isEqualTo("(amount * 100)::integer");
        assertThat(change.background()).isTrue();
        assertThat(change.finalColumn()).isEqualTo("amount");
        assertThat(change.describe()).isEqualTo("-- zdm:change-type table=users column=amount type=numeric(12,2)"
                + " using=\"amount::numeric / 100\" inverse=\"(amount * 100)::integer\" background");
    }

    @Test
    void theStoredSpecRebuildsTheSameOperation() {
        for (String comment : List.of("-- zdm:rename-column table=app.users from=name to=full_name background=true",
                "-- zdm:change-type table=users column=amount type=bigint")) {
            ColumnChangeDirective d = parse(comment);
            ColumnChangeDirective back = ColumnChangeDirective.fromMap(d.toMap());
            assertThat(back).isEqualTo(new ColumnChangeDirective(d.kind(), d.table(), d.from(), d.to(), d.type(), d.using(), d.inverse(),
                    d.background(), 0));
            Operations ops = Operations.forServer(15);
            assertThat(back.operation(ops).plan(SqlStyle.QUOTED)).isEqualTo(d.operation(ops).plan(SqlStyle.QUOTED));
        }
    }

    @Test
    void theBackgroundBackfillMovesTheCopyWorkToTheContract() {
        Operations ops = Operations.forServer(15);
        Operation background = parse("-- zdm:rename-column table=users from=name to=full_name background").operation(ops);
        assertThat(background.steps(Phase.EXPAND).stream().map(Step::action)).contains("record the backfill of the new column as a background job")
                .noneMatch(a -> a.startsWith("backfill") || a.startsWith("build copies"));
        assertThat(background.steps(Phase.CONTRACT).stream().map(Step::action).toList().subList(0, 3)).containsExactly(
                "require the background backfill job done", "validate the NOT NULL CHECK",
                "build copies of the column's indexes, unique constraints, CHECKs and foreign keys on the new column");
        Operation inPlace = parse("-- zdm:rename-column table=users from=name to=full_name background").operation(ops.withoutBackgroundBackfills());
        assertThat(inPlace.steps(Phase.EXPAND).stream().map(Step::action)).contains("backfill the new column in batches");
    }

    @Test
    void mistakesSayWhatIsWrongAndWhatToWrite() {
        assertThatThrownBy(() -> parse("-- zdm:rename-column table=users form=name to=full_name"))
                .hasMessageContaining("unknown option form (did you mean from?)");
        assertThatThrownBy(() -> parse("-- zdm:rename-column table=users from=name")).hasMessageContaining("missing to");
        assertThatThrownBy(() -> parse("-- zdm:rename-column table=users from=name to=name")).hasMessageContaining("the same column");
        assertThatThrownBy(() -> parse("-- zdm:rename-column table=users from=name to=a to=b")).hasMessageContaining("more than once");
        assertThatThrownBy(() -> parse("-- zdm:rename-column table=a.b.c from=name to=x")).hasMessageContaining("more than schema.table");
        assertThatThrownBy(() -> parse("-- zdm:change-type table=users column=amount type=bigint using=\"amount; DROP TABLE users\""))
                .hasMessageContaining("contains ';'");
        assertThatThrownBy(() -> parse("-- zdm:change-type table=users column=amount type=bigint background=maybe"))
                .hasMessageContaining("neither true nor false");
        assertThatThrownBy(() -> parse("-- zdm:change-type table=users column=amount type=bigint backgrund"))
                .hasMessageContaining("'backgrund' is not an option=value");
    }

    @Test
    void lintAcceptsAFileWithOnlyTheDirectiveAndRefusesEverythingElse() {
        assertThat(problems("-- rename for v2\n-- zdm:phase=expand\n-- zdm:rename-column table=users from=name to=full_name\n")).isEmpty();
        assertThat(problems("-- zdm:rename-column table=users from=name to=full_name\nALTER TABLE users ADD COLUMN x int;\n"))
                .singleElement().satisfies(p -> assertThat(p.describe()).startsWith("V2__change.sql:1:")
                        .contains("must be the only content of its migration").contains("the first at line 2"));
        assertThat(problems("-- zdm:rename-column table=users from=name to=full_name\n-- zdm:change-type table=users column=a type=int\n"))
                .singleElement().satisfies(p -> assertThat(p.describe()).startsWith("V2__change.sql:2:").contains("one column change"));
        assertThat(problems("-- zdm:rename-column table=users from=name\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("missing to"));
        assertThat(problems("-- zdm:phase=contract\n-- zdm:rename-column table=users from=name to=full_name\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("is an expand migration"));
        assertThat(problems("-- zdm:rename-colum table=users from=name to=full_name\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("did you mean zdm:rename-column?"));
    }

    @Test
    void aColumnChangeMigrationIsAnExpandAndLaterMigrationsSeeItsResult() {
        assertThat(PhaseDeclaration.of(SqlScript.parse("V2.sql", "-- zdm:rename-column table=users from=name to=full_name\n")))
                .contains(MigrationPhase.EXPAND);
        assertThat(PhaseDeclaration.of(SqlScript.parse("V2.sql", "-- just a comment\n"))).isEmpty();

        MigrationSource v1 = MigrationSource.of("V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n");
        MigrationSource v2 = MigrationSource.of("V2__rename.sql", "-- zdm:rename-column table=users from=name to=full_name\n");
        MigrationSource v3 = MigrationSource.of("V3__cleanup.sql", "-- zdm:phase=contract\n\nALTER TABLE users DROP COLUMN IF EXISTS name;\n");
        List<Finding> withRename = new Linter(LintConfig.defaults()).lint(List.of(v1, v2, v3)).findings();
        List<Finding> without = new Linter(LintConfig.defaults()).lint(List.of(v1, v3)).findings();
        assertThat(without).anyMatch(f -> f.ruleId().equals("ZDM122"));
        assertThat(withRename).as("after the rename, name is known gone").noneMatch(f -> f.ruleId().equals("ZDM122"));
    }
}
