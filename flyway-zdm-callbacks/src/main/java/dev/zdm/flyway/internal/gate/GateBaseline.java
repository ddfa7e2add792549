package dev.zdm.flyway.internal.gate;

import dev.zdm.core.lint.Baseline;
import dev.zdm.flyway.api.ZdmConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The zdm:lint baseline file named by {@code flyway.zdm.lint.baseline}, read for the gate. */
final class GateBaseline {
    private GateBaseline() {
    }

    /** The accepted findings; none when the setting is empty, or (with a warning) when the file does not exist. */
    static Baseline read(String setting, Consumer<String> warn) {
        if (setting == null || setting.isBlank()) {
            return Baseline.empty();
        }
        Path file = Path.of(setting.strip());
        if (!Files.isRegularFile(file)) {
            warn.accept("flyway.zdm.lint.baseline=" + setting.strip() + ": no such file (looked for " + file.toAbsolutePath()
                    + "); no finding is accepted from a baseline. Write one with mvn zdm:lint -Dzdm.writeBaseline=true "
                    + "-Dzdm.baseline=" + setting.strip() + ", or give the path relative to " + Path.of("").toAbsolutePath() + ".");
            return Baseline.empty();
        }
        try {
            return Baseline.read(file);
        } catch (IOException e) {
            throw new ZdmConfigurationException("flyway.zdm.lint.baseline=" + setting.strip() + ": cannot read " + file.toAbsolutePath()
                    + " (" + e.getMessage() + "). Nothing was applied.");
        }
    }
}
