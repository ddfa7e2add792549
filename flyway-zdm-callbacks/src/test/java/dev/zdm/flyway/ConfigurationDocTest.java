package dev.zdm.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.flyway.internal.Setting;
import dev.zdm.flyway.internal.SettingKey;
import dev.zdm.flyway.internal.SettingKeys;
import dev.zdm.flyway.internal.SettingsDoc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The settings table of docs/configuration.md is generated from the @Setting declarations; this test fails when it drifted. */
class ConfigurationDocTest {
    private static final Path DOC = Path.of("..", "docs", "configuration.md");

    @Test
    void docsConfigurationMdHasTheGeneratedSettingsTable() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int begin = doc.indexOf(SettingsDoc.BEGIN);
        int end = doc.indexOf(SettingsDoc.END);
        assertThat(begin).as("docs/configuration.md has the marker line %s", SettingsDoc.BEGIN).isNotNegative();
        assertThat(end).as("docs/configuration.md has the marker line %s", SettingsDoc.END).isGreaterThan(begin);
        String table = doc.substring(begin, end + SettingsDoc.END.length() + 1);
        String expected = SettingsDoc.render(ZdmConfigurationExtension.class);
        if (Boolean.getBoolean("zdm.updateDocs")) {
            Files.writeString(DOC, doc.substring(0, begin) + expected + doc.substring(end + SettingsDoc.END.length() + 1),
                    StandardCharsets.UTF_8);
            table = expected;
        }
        assertThat(table)
                .as("docs/configuration.md is out of date: run mvn -pl flyway-zdm-callbacks -am test -Dtest=ConfigurationDocTest "
                        + "-Dsurefire.failIfNoSpecifiedTests=false -Dzdm.updateDocs=true")
                .isEqualTo(expected);
    }

    @Test
    void everyDurationAndCountDeclaresWhatZeroMeansAndEveryMaximumIsReadable() {
        for (SettingKey key : SettingKeys.of(ZdmConfigurationExtension.class).all()) {
            Setting s = key.setting();
            assertThat(s.doc()).as("doc of %s", key.fullName()).isNotBlank();
            if (s.kind() == Setting.Kind.COUNT || s.kind() == Setting.Kind.DURATION) {
                assertThat(s.zero()).as("meaning of 0 of %s", key.fullName()).isNotBlank();
                assertThat(s.zero().startsWith("refused")).as("a refused 0 of %s says why, an allowed one what it means", key.fullName())
                        .isEqualTo(!s.zeroAllowed());
            } else {
                assertThat(s.zero()).as("%s is no number: no meaning of 0", key.fullName()).isEmpty();
                assertThat(s.max()).as("%s is no number: no maximum", key.fullName()).isEmpty();
            }
            if (s.kind() == Setting.Kind.DURATION && !s.max().isEmpty()) {
                assertThat(dev.zdm.core.text.Durations.isDuration(s.max())).as("maximum of %s", key.fullName()).isTrue();
            }
            if (s.kind() == Setting.Kind.COUNT && !s.max().isEmpty()) {
                assertThat(s.max()).as("maximum of %s", key.fullName()).matches("\\d+");
            }
        }
    }
}
