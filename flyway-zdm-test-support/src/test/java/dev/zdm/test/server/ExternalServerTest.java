package dev.zdm.test.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExternalServerTest {

    @Test
    void readsHostPortDatabaseAndCredentialsFromTheUrl() {
        ExternalServer s = ExternalServer.fromUrl("jdbc:postgresql://db.example:6543/admin?user=alice&password=s3cret", null, null);
        assertThat(s.host()).isEqualTo("db.example");
        assertThat(s.port()).isEqualTo(6543);
        assertThat(s.adminDatabase()).isEqualTo("admin");
        assertThat(s.user()).isEqualTo("alice");
        assertThat(s.password()).isEqualTo("s3cret");
    }

    @Test
    void separateCredentialsWinOverTheUrl() {
        ExternalServer s = ExternalServer.fromUrl("jdbc:postgresql://127.0.0.1/postgres?user=alice", "bob", "pw");
        assertThat(s.port()).isEqualTo(5432);
        assertThat(s.user()).isEqualTo("bob");
        assertThat(s.password()).isEqualTo("pw");
    }

    @Test
    void neverShowsThePassword() {
        ExternalServer s = ExternalServer.fromUrl("jdbc:postgresql://h:1/d?user=u&password=s3cret", null, null);
        assertThat(s.describe()).doesNotContain("s3cret");
        assertThat(s.jdbcUrl("x")).doesNotContain("s3cret").isEqualTo("jdbc:postgresql://h:1/x");
    }

    @Test
    void aBadUrlIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> ExternalServer.fromUrl("jdbc:mysql://h/d?password=s3cret", null, null))
                .hasMessageContaining("ZDM_TEST_JDBC_URL")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void anUnreachableServerSaysWhatToDo() {
        ExternalServer s = ExternalServer.fromUrl("jdbc:postgresql://127.0.0.1:1/postgres?user=u&connectTimeout=2", null, null);
        assertThatThrownBy(s::checkReachable)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageContaining("unset ZDM_TEST_JDBC_URL");
    }
}
