package dev.zdm.core.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.core.sql.Identifiers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @Test
    void quotesAndDoublesEmbeddedQuotes() {
        assertThat(Identifiers.quote("Order")).isEqualTo("\"Order\"");
        assertThat(Identifiers.quote("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(new QualifiedName("App", "Users").quoted()).isEqualTo("\"App\".\"Users\"");
    }

    @Test
    void keepsShortDerivedNamesReadable() {
        assertThat(DerivedNames.derivedName("events_tenant_idx", "events_2024_01")).isEqualTo("events_tenant_idx_events_2024_01");
    }

    @Test
    void cutsLongDerivedNamesTo63BytesWithAStableDistinctSuffix() {
        String a = DerivedNames.derivedName("x".repeat(40), "partition_one_" + "y".repeat(30));
        String b = DerivedNames.derivedName("x".repeat(40), "partition_two_" + "y".repeat(30));

        assertThat(a.getBytes(StandardCharsets.UTF_8)).hasSize(63);
        assertThat(a).isEqualTo(DerivedNames.derivedName("x".repeat(40), "partition_one_" + "y".repeat(30)));
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void cutsMultiByteNamesOnCharacterBoundaries() {
        String name = DerivedNames.derivedName("ä".repeat(40), "ö".repeat(10));

        assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
        assertThat(name).startsWith("ää").doesNotContain("\uFFFD");
    }

    @Test
    void parsesDottedNamesForJavaCallers() {
        assertThat(QualifiedName.parse("users")).isEqualTo(QualifiedName.of("users"));
        assertThat(QualifiedName.parse("app.Users")).isEqualTo(new QualifiedName("app", "Users"));
        assertThatThrownBy(() -> QualifiedName.parse("a.b.c")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void optionsRejectNonsense() {
        assertThatThrownBy(() -> DdlOptions.defaults().withWaitTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DdlOptions.defaults().withBuildRetries(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(DdlOptions.defaults().withLockTimeout(Duration.ofMillis(50)).lockTimeout()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void indexDefinitionsQuoteNamesAndDeriveTheDefaultName() {
        IndexDefinition plain = IndexDefinition.on("users").columns("email");
        assertThat(plain.indexName()).isEqualTo("users_email_idx");
        assertThat(plain.definition()).isEqualTo("(\"email\")");

        IndexDefinition full = IndexDefinition.on("app", "Users").columns("tenant_id").expressions("lower(email)").include("id")
                .using("GIN").where("deleted_at IS NULL").unique().name("k");
        assertThat(full.indexName()).isEqualTo("k");
        assertThat(full.definition()).isEqualTo("USING gin (\"tenant_id\", (lower(email))) INCLUDE (\"id\") WHERE deleted_at IS NULL");
        assertThat(full.toSpec().createConcurrently(full.table()))
                .isEqualTo("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"k\" ON \"app\".\"Users\" "
                        + "USING gin (\"tenant_id\", (lower(email))) INCLUDE (\"id\") WHERE deleted_at IS NULL");
        assertThatThrownBy(() -> IndexDefinition.on("t").using("btree; DROP TABLE t")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void foreignKeyDefinitionsQuoteNamesAndCheckActions() {
        ForeignKeyDefinition fk = ForeignKeyDefinition.from("orders", "user_id").references("app.users", "id").onDelete("set  null");

        assertThat(fk.constraintName()).isEqualTo("orders_user_id_fkey");
        assertThat(fk.addNotValidSql(new QualifiedName("public", "orders"), new QualifiedName("app", "users")))
                .isEqualTo("ALTER TABLE \"public\".\"orders\" ADD CONSTRAINT \"orders_user_id_fkey\" FOREIGN KEY (\"user_id\") "
                        + "REFERENCES \"app\".\"users\" (\"id\") ON DELETE SET NULL NOT VALID");
        assertThatThrownBy(() -> fk.onUpdate("explode")).isInstanceOf(IllegalArgumentException.class);
    }
}
