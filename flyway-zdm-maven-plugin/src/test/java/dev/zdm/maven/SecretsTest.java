package dev.zdm.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {
    @Test
    void passwordsInUrlsAndTheConfiguredPasswordAreNotPrinted() {
        Map<String, String> conf = Map.of("flyway.password", "hunter2!");
        assertThat(Secrets.redact("Unable to connect to jdbc:postgresql://db:5432/app?user=app&password=s3cret&ssl=true", conf))
                .isEqualTo("Unable to connect to jdbc:postgresql://db:5432/app?user=app&password=***&ssl=true");
        assertThat(Secrets.redact("jdbc:postgresql://app:s3cret@db/app refused", conf)).isEqualTo("jdbc:postgresql://***@db/app refused");
        assertThat(Secrets.redact("FATAL: password authentication failed (tried hunter2!)", conf))
                .isEqualTo("FATAL: password authentication failed (tried ***)");
        assertThat(Secrets.redact("nothing secret here", Map.of())).isEqualTo("nothing secret here");
    }
}
