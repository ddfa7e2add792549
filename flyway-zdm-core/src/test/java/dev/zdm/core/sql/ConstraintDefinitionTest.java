package dev.zdm.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConstraintDefinitionTest {

    private static String notNullColumn(String expression) {
        return new ConstraintDefinition("c", ConstraintDefinition.Type.CHECK, List.of(), null, null, true, expression).notNullCheckColumn();
    }

    @Test
    void findsTheColumnOfAnIsNotNullCheck() {
        assertThat(notNullColumn("email IS NOT NULL")).isEqualTo("email");
        assertThat(notNullColumn("((Email is not null))")).isEqualTo("email");
        assertThat(notNullColumn("(\"E\"\"mail\" IS NOT NULL)")).isEqualTo("E\"mail");
        assertThat(notNullColumn("email /* checked */ IS NOT NULL")).isEqualTo("email");
    }

    @Test
    void anythingElseIsNotSuchACheck() {
        assertThat(notNullColumn("email IS NULL")).isNull();
        assertThat(notNullColumn("(a IS NOT NULL) AND (b IS NOT NULL)")).isNull();
        assertThat(notNullColumn("(a) IS NOT NULL")).isNull();
        assertThat(notNullColumn("\"\" IS NOT NULL")).isNull();
        assertThat(notNullColumn("\"open IS NOT NULL")).isNull();
        assertThat(notNullColumn("lower(a) IS NOT NULL")).isNull();
    }
}
