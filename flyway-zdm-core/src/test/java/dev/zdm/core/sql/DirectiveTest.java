package dev.zdm.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DirectiveTest {

    @Test
    void readsLineAndBlockCommentsInAnyCaseOfTheZdmPrefix() {
        assertThat(Directive.parse("-- zdm:batched key=id size=5000", 3)).get().satisfies(d -> {
            assertThat(d.name()).isEqualTo("batched");
            assertThat(d.params()).containsEntry("key", "id").containsEntry("size", "5000");
            assertThat(d.line()).isEqualTo(3);
        });
        assertThat(Directive.parse("/* ZDM:Batched size=10 */", 1)).get().satisfies(d -> {
            assertThat(d.is("batched")).isTrue();
            assertThat(d.arguments()).isEqualTo("size=10");
        });
        assertThat(Directive.parse("--zdm:ignore-file", 1)).get().extracting(Directive::name).isEqualTo("ignore-file");
    }

    @Test
    void theNameEndsAtWhiteSpaceOrTheEndOfTheComment() {
        assertThat(Directive.parse("-- zdm:batched,key=id", 1)).isEmpty();
        assertThat(Directive.parse("/* zdm:batched*/", 1)).get().extracting(Directive::name).isEqualTo("batched");
        assertThat(Directive.parse("-- zdm:batchedx", 1)).get().extracting(Directive::name).isEqualTo("batchedx");
        assertThat(Directive.parse("-- zdm batched", 1)).isEmpty();
    }
}
