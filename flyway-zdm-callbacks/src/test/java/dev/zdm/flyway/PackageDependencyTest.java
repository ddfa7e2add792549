package dev.zdm.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package rules of the public API boundary, read from the source files (imports and fully qualified names in
 * code): {@code dev.zdm.flyway} may use {@code dev.zdm.flyway.internal}, never the other way round (no cycle), and
 * {@code dev.zdm.flyway.api} (the exceptions) depends on neither.
 */
class PackageDependencyTest {
    private static final Path SOURCES = Path.of("src", "main", "java");
    /** A class of the package dev.zdm.flyway itself: dev.zdm.flyway.Zdm, not dev.zdm.flyway.internal.X. */
    private static final Pattern PUBLIC_CLASS = Pattern.compile("\\bdev\\.zdm\\.flyway\\.[A-Z]\\w*");
    private static final Pattern ANY_FLYWAY_ZDM = Pattern.compile("\\bdev\\.zdm\\.flyway\\.(?!api\\b)\\w+");

    @Test
    void internalPackagesNeverUseThePublicPackage() throws IOException {
        List<String> violations = violations("dev/zdm/flyway/internal", PUBLIC_CLASS);
        assertThat(violations).as("internal code using dev.zdm.flyway classes (move what it needs to internal, or invert"
                + " with an interface in internal)").isEmpty();
    }

    @Test
    void theExceptionPackageIsALeaf() throws IOException {
        assertThat(violations("dev/zdm/flyway/api", ANY_FLYWAY_ZDM)).isEmpty();
    }

    @Test
    void theScanSeesAViolation() {
        // The rule would catch the kind of reference it is meant to catch, in an import and in code.
        assertThat(references("import dev.zdm.flyway.Zdm;\nclass X {}", PUBLIC_CLASS)).containsExactly("dev.zdm.flyway.Zdm");
        assertThat(references("class X { Object o = dev.zdm.flyway.ZdmConfigurationExtension.class; }", PUBLIC_CLASS))
                .containsExactly("dev.zdm.flyway.ZdmConfigurationExtension");
        assertThat(references("import dev.zdm.flyway.internal.MigrateRun;\n/** see {@code dev.zdm.flyway.Zdm} */ class X {"
                + " String s = \"dev.zdm.flyway.Zdm\"; }", PUBLIC_CLASS)).isEmpty();
    }

    private static List<String> violations(String packageDir, Pattern forbidden) throws IOException {
        Path root = SOURCES.resolve(packageDir);
        assertThat(root).isDirectory();
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                for (String reference : references(Files.readString(file, StandardCharsets.UTF_8), forbidden)) {
                    out.add(SOURCES.relativize(file) + " uses " + reference);
                }
            }
        }
        return out;
    }

    /** The forbidden names in the code of a source file (comments and string literals removed). */
    static List<String> references(String source, Pattern forbidden) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ").replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"");
        List<String> out = new ArrayList<>();
        Matcher m = forbidden.matcher(code);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
