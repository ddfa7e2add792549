package dev.zdm.core.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@PostgresTest
class SessionSettingTest {

    /** Several SET LOCALs in one statement, values bound (a quote in a value is a value), gone after the commit. */
    @Test
    void setLocalSetsSeveralSettingsForTheTransactionOnly(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            c.createStatement().execute("SET lock_timeout = '7s'");
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("lock_timeout", "150ms");
            settings.put("application_name", "it's mine");
            settings.put("DateStyle", "ISO, YMD");
            c.setAutoCommit(false);
            SessionSetting.setLocal(c, settings);
            assertThat(read(c)).isEqualTo("150ms|it's mine|ISO, YMD");
            c.commit();
            c.setAutoCommit(true);
            assertThat(read(c)).startsWith("7s|").doesNotContain("it's mine");
            SessionSetting.setLocal(c, Map.of());
        }
    }

    private static String read(Connection c) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT current_setting('lock_timeout') || '|' || "
                + "current_setting('application_name') || '|' || current_setting('DateStyle')")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
