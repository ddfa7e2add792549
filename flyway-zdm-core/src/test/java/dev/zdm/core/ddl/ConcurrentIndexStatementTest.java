package dev.zdm.core.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.core.ddl.ConcurrentIndexStatement.Kind;
import dev.zdm.core.ddl.ConcurrentIndexStatement.ReindexTarget;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.SqlScript;
import dev.zdm.core.sql.StatementModel;
import org.junit.jupiter.api.Test;

class ConcurrentIndexStatementTest {

    private static ConcurrentIndexStatement parse(String sql) {
        return ConcurrentIndexStatement.parse(sql).orElseThrow(() -> new AssertionError("not recognised: " + sql));
    }

    @Test
    void readsAPlainCreateIndexConcurrently() {
        ConcurrentIndexStatement st = parse("CREATE INDEX CONCURRENTLY users_email_idx ON users (email);");

        assertThat(st.kind()).isEqualTo(Kind.CREATE_INDEX);
        assertThat(st.indexName()).isEqualTo("users_email_idx");
        assertThat(st.table()).isEqualTo(QualifiedName.of("users"));
        assertThat(st.definition()).isEqualTo("(email)");
        assertThat(st.unique()).isFalse();
        assertThat(st.ifNotExists()).isFalse();
        assertThat(st.only()).isFalse();
        assertThat(st.sql()).isEqualTo("CREATE INDEX CONCURRENTLY users_email_idx ON users (email)");
    }

    @Test
    void readsEveryFlagQuotedAndSchemaQualifiedNamesAndKeepsTheDefinitionAsWritten() {
        ConcurrentIndexStatement st = parse("create unique index concurrently if not exists \"Users_Key\" on only \"App\".\"Users\" "
                + "using btree (lower(email)) include (id) where note <> 'a;b' and x = $q$;$q$;");

        assertThat(st.unique()).isTrue();
        assertThat(st.ifNotExists()).isTrue();
        assertThat(st.only()).isTrue();
        assertThat(st.indexName()).isEqualTo("Users_Key");
        assertThat(st.table()).isEqualTo(new QualifiedName("App", "Users"));
        assertThat(st.definition()).isEqualTo("using btree (lower(email)) include (id) where note <> 'a;b' and x = $q$;$q$");
    }

    @Test
    void foldsUnquotedNamesToLowerCaseAndUnescapesQuotedOnes() {
        ConcurrentIndexStatement st = parse("CREATE INDEX CONCURRENTLY MyIdx ON MySchema.\"we\"\"ird\" (A)");

        assertThat(st.indexName()).isEqualTo("myidx");
        assertThat(st.table()).isEqualTo(new QualifiedName("myschema", "we\"ird"));
        assertThat(st.definition()).isEqualTo("(A)");
    }

    @Test
    void skipsCommentsAroundAndInsideTheStatement() {
        ConcurrentIndexStatement st = parse("-- add an index\n/* outer /* nested */ still comment */ CREATE /* x */ INDEX\n"
                + "  CONCURRENTLY i -- name\n ON t(a) -- trailing\n");

        assertThat(st.indexName()).isEqualTo("i");
        assertThat(st.table()).isEqualTo(QualifiedName.of("t"));
        assertThat(st.definition()).isEqualTo("(a)");
    }

    @Test
    void readsAnUnnamedIndexAndAThreePartTableName() {
        ConcurrentIndexStatement st = parse("CREATE INDEX CONCURRENTLY ON db.app.events USING gin (tags)");

        assertThat(st.indexName()).isNull();
        assertThat(st.table()).isEqualTo(new QualifiedName("app", "events"));
        assertThat(st.definition()).isEqualTo("USING gin (tags)");
    }

    @Test
    void readsStringsWithBackslashEscapesInThePredicate() {
        ConcurrentIndexStatement st = parse("CREATE INDEX CONCURRENTLY i ON t (a) WHERE b = E'it\\'s; here'");

        assertThat(st.definition()).isEqualTo("(a) WHERE b = E'it\\'s; here'");
    }

    @Test
    void ignoresStatementsThatAreNotConcurrentIndexStatements() {
        assertThat(ConcurrentIndexStatement.parse("CREATE INDEX i ON t (a)")).isEmpty();
        assertThat(ConcurrentIndexStatement.parse("CREATE TABLE concurrently (a int)")).isEmpty();
        assertThat(ConcurrentIndexStatement.parse("ALTER TABLE t ADD COLUMN c int")).isEmpty();
        assertThat(ConcurrentIndexStatement.parse("-- CREATE INDEX CONCURRENTLY i ON t (a)")).isEmpty();
        assertThat(ConcurrentIndexStatement.parse("")).isEmpty();
    }

    @Test
    void ignoresTwoStatementsAndTextItCannotReadWithCertainty() {
        assertThat(ConcurrentIndexStatement.parse("CREATE INDEX CONCURRENTLY i ON t (a); SELECT 1")).isEmpty();
        assertThat(ConcurrentIndexStatement.parse("CREATE INDEX CONCURRENTLY U&\"d\\0061t\" ON t (a)")).isEmpty();
        assertThat(ConcurrentIndexStatement.parse("CREATE INDEX CONCURRENTLY i ON t (a) WHERE b = 'unterminated")).isEmpty();
        assertThat(ConcurrentIndexStatement.parse("CREATE INDEX CONCURRENTLY IF NOT EXISTS ON t (a)")).isEmpty();
        assertThat(ConcurrentIndexStatement.parse("CREATE INDEX CONCURRENTLY i ON t")).isEmpty();
    }

    @Test
    void leavesToPostgresWhatItWouldRefuseOrWhatHoldsPlaceholders() {
        assertThat(ConcurrentIndexStatement.parse("CREATE INDEX CONCURRENTLY \"\" ON t (a)")).isEmpty();
        assertThat(ConcurrentIndexStatement.parse("CREATE INDEX CONCURRENTLY i ON t (a")).isEmpty();
        assertThat(ConcurrentIndexStatement.parse("CREATE INDEX CONCURRENTLY i ON t (a) /* never closed")).isEmpty();
        assertThat(ConcurrentIndexStatement.parse("CREATE INDEX CONCURRENTLY i ON ${schema}.t (a)")).isEmpty();
        assertThat(ConcurrentIndexStatement.parse("CREATE INDEX CONCURRENTLY i ON t (a) WHERE b = U&'x'")).isEmpty();
    }

    @Test
    void foldsNamesAsTheLinterDoes() {
        String sql = "CREATE INDEX CONCURRENTLY Äpfel_Idx ON App.Äpfel (a)";
        ConcurrentIndexStatement st = parse(sql);
        StatementModel linted = SqlScript.parse("V1__i.sql", sql).statements().get(0).model();

        assertThat(st.indexName()).isEqualTo("Äpfel_idx").isEqualTo(linted.index().name());
        assertThat(st.table()).isEqualTo(new QualifiedName("app", "Äpfel"));
        assertThat(linted.table()).isEqualTo(new RelationName("app", "Äpfel"));
    }

    @Test
    void readsDropIndexConcurrentlyWithOneOrSeveralNames() {
        ConcurrentIndexStatement one = parse("DROP INDEX CONCURRENTLY IF EXISTS public.\"Old_Idx\";");
        assertThat(one.kind()).isEqualTo(Kind.DROP_INDEX);
        assertThat(one.ifExists()).isTrue();
        assertThat(one.droppedIndexes()).containsExactly(new QualifiedName("public", "Old_Idx"));

        ConcurrentIndexStatement two = parse("drop index concurrently a, B restrict");
        assertThat(two.ifExists()).isFalse();
        assertThat(two.droppedIndexes()).containsExactly(QualifiedName.of("a"), QualifiedName.of("b"));
    }

    @Test
    void leavesDropIndexCascadeToPostgres() {
        assertThat(ConcurrentIndexStatement.parse("DROP INDEX CONCURRENTLY i CASCADE")).isEmpty();
        assertThat(ConcurrentIndexStatement.parse("DROP INDEX i")).isEmpty();
    }

    @Test
    void readsReindexConcurrentlyInBothSpellings() {
        ConcurrentIndexStatement index = parse("REINDEX INDEX CONCURRENTLY \"s\".\"I\"");
        assertThat(index.kind()).isEqualTo(Kind.REINDEX);
        assertThat(index.reindexTarget()).isEqualTo(ReindexTarget.INDEX);
        assertThat(index.reindexed()).isEqualTo(new QualifiedName("s", "I"));

        ConcurrentIndexStatement table = parse("REINDEX (VERBOSE) TABLE CONCURRENTLY app.users;");
        assertThat(table.reindexTarget()).isEqualTo(ReindexTarget.TABLE);
        assertThat(table.table()).isEqualTo(new QualifiedName("app", "users"));
        assertThat(table.sql()).isEqualTo("REINDEX (VERBOSE) TABLE CONCURRENTLY app.users");

        ConcurrentIndexStatement option = parse("REINDEX (CONCURRENTLY, VERBOSE) TABLE t");
        assertThat(option.reindexed()).isEqualTo(QualifiedName.of("t"));

        ConcurrentIndexStatement schema = parse("REINDEX SCHEMA CONCURRENTLY app");
        assertThat(schema.reindexTarget()).isEqualTo(ReindexTarget.SCHEMA);
        assertThat(schema.reindexed()).isEqualTo(QualifiedName.of("app"));

        ConcurrentIndexStatement database = parse("REINDEX DATABASE CONCURRENTLY");
        assertThat(database.reindexTarget()).isEqualTo(ReindexTarget.DATABASE);
        assertThat(database.reindexed()).isNull();
    }

    @Test
    void ignoresReindexThatIsNotConcurrent() {
        assertThat(ConcurrentIndexStatement.parse("REINDEX TABLE t")).isEmpty();
        assertThat(ConcurrentIndexStatement.parse("REINDEX (CONCURRENTLY false) TABLE t")).isEmpty();
        assertThat(ConcurrentIndexStatement.parse("REINDEX (CONCURRENTLY off, VERBOSE) INDEX i")).isEmpty();
        assertThat(ConcurrentIndexStatement.parse("REINDEX SYSTEM CONCURRENTLY")).isEmpty();
    }

    @Test
    void keepsTheWholeIndexDefinitionAfterTheTable() {
        ConcurrentIndexStatement st = parse("CREATE INDEX CONCURRENTLY i ON t USING btree (a) INCLUDE (b) WITH (fillfactor = 70) "
                + "TABLESPACE pg_default WHERE a > 0");

        assertThat(st.definition()).isEqualTo("USING btree (a) INCLUDE (b) WITH (fillfactor = 70) TABLESPACE pg_default WHERE a > 0");
    }

    @Test
    void leavesToPostgresWhatItsGrammarRefuses() {
        for (String sql : new String[] {"CREATE OR REPLACE INDEX CONCURRENTLY i ON t (a)", "CREATE UNLOGGED INDEX CONCURRENTLY i ON t (a)",
                "CREATE INDEX CONCURRENTLY s.i ON t (a)", "CREATE INDEX CONCURRENTLY using ON t (a)", "CREATE INDEX CONCURRENTLY i ON a.b.c.d (a)",
                "CREATE INDEX CONCURRENTLY i ON t (a);;", "DROP INDEX CONCURRENTLY only i", "DROP INDEX CONCURRENTLY i (a)",
                "REINDEX INDEX CONCURRENTLY i extra", "REINDEX SCHEMA CONCURRENTLY a.b", "REINDEX TABLE CONCURRENTLY ${t}"}) {
            assertThat(ConcurrentIndexStatement.parse(sql)).as(sql).isEmpty();
        }
    }

    @Test
    void aCommentInTheReindexOptionListIsNotItsValue() {
        assertThat(ConcurrentIndexStatement.parse("REINDEX (CONCURRENTLY /* on */ false) TABLE t")).isEmpty();
        assertThat(parse("REINDEX (CONCURRENTLY /* off */) TABLE t").reindexed()).isEqualTo(QualifiedName.of("t"));
    }
}
