package dev.zdm.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    private static List<SqlStatement> split(String sql) {
        return SqlScript.parse("V1__t.sql", sql).statements();
    }

    @Test
    void statementsKeepFileLineAndColumn() {
        List<SqlStatement> s = split("CREATE TABLE a (id int);\n\n  -- note\n  CREATE INDEX i ON a (id);\n");
        assertThat(s).hasSize(2);
        assertThat(s.get(1).file()).isEqualTo("V1__t.sql");
        assertThat(s.get(1).line()).isEqualTo(4);
        assertThat(s.get(1).column()).isEqualTo(3);
        assertThat(s.get(1).sql()).isEqualTo("CREATE INDEX i ON a (id)");
        assertThat(s.get(1).leadingComments()).containsExactly("-- note");
    }

    @Test
    void directivesAttachToTheStatementTheyPrecedeOrFollowOnTheSameLine() {
        SqlScript script = SqlScript.parse("V2__x.sql", """
                -- zdm:ignore ZDM101 the table has 20 rows
                CREATE INDEX i ON a (id);
                UPDATE a SET x = 1; -- zdm:batched key=id size=5000
                -- zdm:concurrent
                DELETE FROM a;
                """);
        List<SqlStatement> s = script.statements();
        assertThat(s.get(0).directive("ignore")).get().satisfies(d -> {
            assertThat(d.ruleIds()).containsExactly("ZDM101");
            assertThat(d.reason()).isEqualTo("the table has 20 rows");
        });
        assertThat(s.get(1).directive("batched")).get().satisfies(d ->
                assertThat(d.params()).containsEntry("key", "id").containsEntry("size", "5000"));
        assertThat(s.get(2).directive("concurrent")).isPresent();
        assertThat(s.get(2).directive("batched")).isEmpty();
        assertThat(script.fileDirectives()).isEmpty();
    }

    @Test
    void aDirectiveSeparatedFromTheFirstStatementByABlankLineIsForTheWholeFile() {
        SqlScript script = SqlScript.parse("V2__x.sql", "-- zdm:ignore ZDM122 contract step\n\nALTER TABLE a DROP COLUMN b;");
        assertThat(script.fileDirectives()).extracting(Directive::name).containsExactly("ignore");
        assertThat(script.statements().get(0).directives()).isEmpty();
    }

    @Test
    void concurrentIndexOperationsAreRecognisedForTheRunner() {
        List<SqlStatement> s = split("""
                CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "Idx" ON app."Users" (email);
                DROP INDEX CONCURRENTLY app.old_idx;
                REINDEX INDEX CONCURRENTLY app.some_idx;
                ALTER TABLE app.events DETACH PARTITION app.events_2020 CONCURRENTLY;
                """);
        StatementModel create = s.get(0).model();
        assertThat(create.kind()).isEqualTo(StatementKind.CREATE_INDEX);
        assertThat(create.concurrently()).isTrue();
        assertThat(create.mustRunOutsideTransaction()).isTrue();
        assertThat(create.index()).isEqualTo(new RelationName("app", "Idx"));
        assertThat(create.table()).isEqualTo(new RelationName("app", "Users"));
        assertThat(s.get(1).model().kind()).isEqualTo(StatementKind.DROP_INDEX);
        assertThat(s.get(1).model().index()).isEqualTo(new RelationName("app", "old_idx"));
        assertThat(s.get(1).model().concurrently()).isTrue();
        assertThat(s.get(2).model().kind()).isEqualTo(StatementKind.REINDEX);
        assertThat(s.get(2).model().mustRunOutsideTransaction()).isTrue();
        StatementModel detach = s.get(3).model();
        assertThat(detach.kind()).isEqualTo(StatementKind.ALTER_TABLE);
        assertThat(detach.concurrently()).isTrue();
        assertThat(detach.mustRunOutsideTransaction()).isTrue();
        assertThat(detach.lockOn(new RelationName("app", "events"))).contains(LockLevel.SHARE_UPDATE_EXCLUSIVE);
    }

    @Test
    void alterTableActionsAndLocksAreModelled() {
        StatementModel m = split("ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID, "
                + "ALTER COLUMN total TYPE numeric(12,2), VALIDATE CONSTRAINT other").get(0).model();
        assertThat(m.lockOn(RelationName.of("orders"))).contains(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(m.lockOn(RelationName.of("users"))).contains(LockLevel.SHARE_ROW_EXCLUSIVE);
        assertThat(m.rewrites()).isTrue();
        AlterAction.AlterColumnType type = (AlterAction.AlterColumnType) m.detail(StatementDetail.AlterTable.class).orElseThrow().actions().get(1);
        assertThat(type.type()).isEqualTo(new TypeName("numeric", List.of("12", "2"), false));
    }

    @Test
    void typeNamesAsFormatTypePrintsThem() {
        assertThat(TypeName.parse("character varying(20)")).isEqualTo(new TypeName("varchar", List.of("20"), false));
        assertThat(TypeName.parse("numeric(10,2)")).isEqualTo(new TypeName("numeric", List.of("10", "2"), false));
        assertThat(TypeName.parse("timestamp without time zone").name()).isEqualTo("timestamp");
        assertThat(TypeName.parse("timestamp(3) with time zone").name()).isEqualTo("timestamptz");
        assertThat(TypeName.parse("text[]")).isEqualTo(new TypeName("text", List.of(), true));
        assertThat(TypeName.parse("double precision").name()).isEqualTo("double precision");
    }

    @Test
    void unknownStatementsAreNotAnalyzedNotErrors() {
        StatementModel m = split("SECURITY LABEL FOR selinux ON TABLE mytable IS 'system_u:object_r:sepgsql_table_t:s0'").get(0).model();
        assertThat(m.kind()).isEqualTo(StatementKind.UNKNOWN);
        assertThat(m.analyzed()).isFalse();
        assertThat(split("DO $$ BEGIN PERFORM 1; END $$").get(0).model().analyzed()).isFalse();
    }

    @Test
    void createdEarlierInTheScriptIsKnown() {
        SqlScript script = SqlScript.parse("V1__t.sql", "CREATE TABLE public.t (id int); CREATE INDEX i ON t (id);");
        assertThat(script.createdBefore(RelationName.of("t"), 1)).isTrue();
        assertThat(script.createdBefore(RelationName.of("t"), 0)).isFalse();
        assertThat(script.statements().get(1).targetCreatedEarlier()).isTrue();
        assertThat(script.statements().get(0).targetCreatedEarlier()).isFalse();
    }

    @Test
    void segmentsAndTrailerAreTheWholeText() {
        String text = "/* a */ SELECT 1;; -- x\nSELECT $$;$$ ; -- tail\n";
        SqlScript script = SqlScript.parse("V1__t.sql", text);
        StringBuilder joined = new StringBuilder();
        script.statements().forEach(s -> joined.append(s.segment()));
        joined.append(script.trailer());
        assertThat(joined.toString()).isEqualTo(text);
        assertThat(script.statements()).extracting(SqlStatement::sql).containsExactly("SELECT 1", "SELECT $$;$$");
    }
}
