package dev.zdm.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @Test
    void foldsOnlyAsciiLettersAsPostgresDoesInUtf8() {
        assertThat(Identifiers.fold("MyTable_1")).isEqualTo("mytable_1");
        assertThat(Identifiers.fold("Äpfel")).isEqualTo("Äpfel");
        assertThat(Identifiers.fold("already")).isSameAs(Identifiers.fold("already"));
    }

    @Test
    void quotesEveryNameItWritesIntoSql() {
        assertThat(Identifiers.quote("Order")).isEqualTo("\"Order\"");
        assertThat(Identifiers.quote("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(Identifiers.quoteAll(List.of("a", "B"))).isEqualTo("\"a\", \"B\"");
        assertThat(Identifiers.qualified("app", "Users")).isEqualTo("\"app\".\"Users\"");
        assertThat(Identifiers.qualified(null, "users")).isEqualTo("\"users\"");
    }

    @Test
    void unquotesWhatTheLexerReadAsAQuotedIdentifier() {
        assertThat(Identifiers.unquote("\"we\"\"ird\"")).isEqualTo("we\"ird");
        assertThat(Identifiers.unquote("\"open")).isEqualTo("open");
    }

    @Test
    void displaysNamesBareOnlyWhenTheyReadBackAsThemselves() {
        assertThat(Identifiers.display("users")).isEqualTo("users");
        assertThat(Identifiers.display("Users")).isEqualTo("\"Users\"");
        assertThat(Identifiers.display("order")).isEqualTo("\"order\"");
        assertThat(Identifiers.display("1st")).isEqualTo("\"1st\"");
        assertThat(Identifiers.display("${schema}")).isEqualTo("${schema}");
        assertThat(Identifiers.display("sales", "Orders")).isEqualTo("sales.\"Orders\"");
        assertThat(new RelationName("sales", "orders").display()).isEqualTo("sales.orders");
    }
}
