package dev.zdm.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL 19's REPACK as the statement model reads it. The lock levels and the transaction-block restrictions come
 * from the PostgreSQL 19 documentation and release notes: no PostgreSQL 19 server is available to these tests.
 */
class RepackStatementTest {

    private static StatementModel model(String sql) {
        List<SqlStatement> statements = SqlScript.parse("V1__repack.sql", sql).statements();
        assertThat(statements).hasSize(1);
        return statements.get(0).model();
    }

    @Test
    void repackOfATableRewritesItUnderAccessExclusiveAndMayRunInATransaction() {
        StatementModel m = model("REPACK app.users");
        assertThat(m.kind()).isEqualTo(StatementKind.REPACK);
        assertThat(m.analyzed()).isTrue();
        assertThat(m.table()).isEqualTo(new RelationName("app", "users"));
        assertThat(m.lockOn(new RelationName("app", "users"))).contains(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(m.rewrites()).isTrue();
        assertThat(m.concurrently()).isFalse();
        assertThat(m.mustRunOutsideTransaction()).isFalse();
        assertThat(m.detail()).isEqualTo(new StatementDetail.Repack(new RelationName("app", "users"), false, null, false));
    }

    @Test
    void repackConcurrentlyTakesShareUpdateExclusiveAndMustRunOutsideATransaction() {
        StatementModel m = model("REPACK (CONCURRENTLY) users");
        assertThat(m.lockOn(RelationName.of("users"))).contains(LockLevel.SHARE_UPDATE_EXCLUSIVE);
        assertThat(m.concurrently()).isTrue();
        assertThat(m.mustRunOutsideTransaction()).isTrue();
        assertThat(m.rewrites()).isTrue();
    }

    @Test
    void optionsInAnyOrderWithAnIndexToOrderBy() {
        StatementModel m = model("REPACK (VERBOSE, CONCURRENTLY) users USING INDEX users_created_idx");
        assertThat(m.concurrently()).isTrue();
        assertThat(m.index()).isEqualTo(RelationName.of("users_created_idx"));
        assertThat(m.detail()).isEqualTo(new StatementDetail.Repack(RelationName.of("users"), true,
                RelationName.of("users_created_idx"), true));
    }

    @Test
    void usingIndexWithoutANameMeansTheClusteredIndex() {
        StatementModel m = model("REPACK (VERBOSE) users USING INDEX");
        assertThat(m.detail()).isEqualTo(new StatementDetail.Repack(RelationName.of("users"), true, null, false));
        assertThat(m.lockOn(RelationName.of("users"))).contains(LockLevel.ACCESS_EXCLUSIVE);
    }

    @Test
    void concurrentlySetFalseIsTheBlockingForm() {
        StatementModel m = model("REPACK (CONCURRENTLY false, ANALYZE) users (email, created_at)");
        assertThat(m.concurrently()).isFalse();
        assertThat(m.lockOn(RelationName.of("users"))).contains(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(m.table()).isEqualTo(RelationName.of("users"));
    }

    @Test
    void withoutATableItRepacksEveryTableAndCannotRunInATransaction() {
        for (String sql : List.of("REPACK", "REPACK (VERBOSE)", "REPACK USING INDEX")) {
            StatementModel m = model(sql);
            assertThat(m.kind()).as(sql).isEqualTo(StatementKind.REPACK);
            assertThat(m.table()).as(sql).isNull();
            assertThat(m.mustRunOutsideTransaction()).as(sql).isTrue();
            assertThat(m.detail(StatementDetail.Repack.class)).as(sql).isPresent();
        }
        assertThat(model("REPACK USING INDEX").detail(StatementDetail.Repack.class).orElseThrow().usingIndex()).isTrue();
    }

    @Test
    void optionsOutsideParenthesesAreNotRepackSyntax() {
        StatementModel m = model("REPACK CONCURRENTLY users");
        assertThat(m.kind()).isEqualTo(StatementKind.REPACK);
        assertThat(m.analyzed()).isFalse();
    }

    @Test
    void clusterRemembersTheIndexItOrdersBy() {
        assertThat(model("CLUSTER users USING users_pkey").index()).isEqualTo(RelationName.of("users_pkey"));
        assertThat(model("CLUSTER users").index()).isNull();
    }
}
