package dev.zdm.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the analyzer's detail says about CREATE INDEX, DROP and REINDEX: enough for the concurrent-index executor to
 * rebuild the statement (definition as written, flags, names), and whether it read the statement with certainty.
 */
class IndexStatementDetailTest {

    private static StatementDetail detail(String sql) {
        List<SqlStatement> statements = SqlScript.parse("V1__i.sql", sql).statements();
        assertThat(statements).hasSize(1);
        return statements.get(0).model().detail();
    }

    @Test
    void createIndexKeepsEverythingAfterTheTableAsWritten() {
        StatementDetail.CreateIndex ci = (StatementDetail.CreateIndex) detail("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i "
                + "ON ONLY app.t USING btree (a) INCLUDE (b) WITH (fillfactor = 70) TABLESPACE pg_default /* c */ WHERE a > 0;");

        assertThat(ci.index()).isEqualTo(new RelationName("app", "i"));
        assertThat(ci.table()).isEqualTo(new RelationName("app", "t"));
        assertThat(ci.unique()).isTrue();
        assertThat(ci.concurrently()).isTrue();
        assertThat(ci.ifNotExists()).isTrue();
        assertThat(ci.only()).isTrue();
        assertThat(ci.columns()).containsExactly("a");
        assertThat(ci.definition()).isEqualTo("USING btree (a) INCLUDE (b) WITH (fillfactor = 70) TABLESPACE pg_default /* c */ WHERE a > 0");
        assertThat(ci.exact()).isTrue();
    }

    @Test
    void createIndexIsNotExactWhereANameIsUncertainOrPostgresWouldRefuseTheHead() {
        for (String sql : List.of("CREATE INDEX CONCURRENTLY i ON ${schema}.t (a)", "CREATE INDEX CONCURRENTLY ${name} ON t (a)",
                "CREATE INDEX CONCURRENTLY s.i ON t (a)", "CREATE INDEX CONCURRENTLY using ON t (a)",
                "CREATE INDEX CONCURRENTLY i ON a.b.c.d (a)", "CREATE INDEX CONCURRENTLY IF NOT EXISTS ON t (a)",
                "CREATE OR REPLACE INDEX CONCURRENTLY i ON t (a)", "CREATE UNLOGGED INDEX i ON t (a)",
                "CREATE INDEX CONCURRENTLY i ON t", "CREATE INDEX CONCURRENTLY i ON t WHERE a > 0")) {
            StatementDetail.CreateIndex ci = (StatementDetail.CreateIndex) detail(sql);
            assertThat(ci.exact()).as(sql).isFalse();
        }
        assertThat(((StatementDetail.CreateIndex) detail("CREATE INDEX i ON t (a) WHERE b > ${min}")).exact()).isTrue();
        assertThat(((StatementDetail.CreateIndex) detail("CREATE INDEX ON \"using\" (a)")).exact()).isTrue();
    }

    @Test
    void dropReadsRestrictAndIsExactOnlyForPlainNamesToTheEnd() {
        StatementDetail.Drop drop = (StatementDetail.Drop) detail("DROP INDEX CONCURRENTLY IF EXISTS a, s.\"B\" RESTRICT");
        assertThat(drop.names()).containsExactly(RelationName.of("a"), new RelationName("s", "B"));
        assertThat(drop.ifExists()).isTrue();
        assertThat(drop.cascade()).isFalse();
        assertThat(drop.exact()).isTrue();

        StatementDetail.Drop cascade = (StatementDetail.Drop) detail("DROP TABLE t CASCADE");
        assertThat(cascade.cascade()).isTrue();
        assertThat(cascade.exact()).isTrue();

        for (String sql : List.of("DROP INDEX CONCURRENTLY only i", "DROP INDEX CONCURRENTLY i extra", "DROP INDEX ${s}.i",
                "DROP INDEX CONCURRENTLY a.b.c.d", "DROP INDEX CONCURRENTLY i CASCADE RESTRICT")) {
            assertThat(((StatementDetail.Drop) detail(sql)).exact()).as(sql).isFalse();
        }
    }

    @Test
    void reindexReadsTheOptionListByTokensSoACommentIsNotAValue() {
        assertThat(((StatementDetail.Reindex) detail("REINDEX (CONCURRENTLY) TABLE t")).concurrently()).isTrue();
        assertThat(((StatementDetail.Reindex) detail("REINDEX (VERBOSE, CONCURRENTLY true) TABLE t")).concurrently()).isTrue();
        assertThat(((StatementDetail.Reindex) detail("REINDEX (CONCURRENTLY off) TABLE t")).concurrently()).isFalse();
        StatementDetail.Reindex commented = (StatementDetail.Reindex) detail("REINDEX (CONCURRENTLY /* c */ false) TABLE t");
        assertThat(commented.concurrently()).isFalse();
        assertThat(commented.exact()).isTrue();
    }

    @Test
    void reindexIsExactWithARequiredRelationNameOrAPlainSchemaOrDatabaseName() {
        StatementDetail.Reindex index = (StatementDetail.Reindex) detail("REINDEX INDEX CONCURRENTLY \"s\".\"I\"");
        assertThat(index).isEqualTo(new StatementDetail.Reindex("INDEX", new RelationName("s", "I"), true, true));
        assertThat(((StatementDetail.Reindex) detail("REINDEX DATABASE CONCURRENTLY")).exact()).isTrue();
        assertThat(((StatementDetail.Reindex) detail("REINDEX SCHEMA CONCURRENTLY app")).exact()).isTrue();
        for (String sql : List.of("REINDEX INDEX CONCURRENTLY", "REINDEX SCHEMA CONCURRENTLY a.b", "REINDEX INDEX CONCURRENTLY i extra",
                "REINDEX TABLE CONCURRENTLY ${t}", "REINDEX DATABASE CONCURRENTLY a b")) {
            assertThat(((StatementDetail.Reindex) detail(sql)).exact()).as(sql).isFalse();
        }
    }

    @Test
    void vacuumAndRepackOptionListsAreReadByTokens() {
        assertThat(SqlScript.parse("V1__v.sql", "VACUUM (FULL /* yes */, ANALYZE) t").statements().get(0).model().rewrites()).isTrue();
        assertThat(SqlScript.parse("V1__v.sql", "VACUUM (FULL false) t").statements().get(0).model().rewrites()).isFalse();
        assertThat(SqlScript.parse("V1__v.sql", "VACUUM (VERBOSE /* full */) t").statements().get(0).model().rewrites()).isFalse();
    }
}
