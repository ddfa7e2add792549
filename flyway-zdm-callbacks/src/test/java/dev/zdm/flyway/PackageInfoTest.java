package dev.zdm.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every package of the library modules says what it is in a package-info.java, and every package that is not API (an
 * {@code internal} package, or one whose classes are all package-private) says so with the same sentence.
 */
class PackageInfoTest {
    static final String PRIVATE_API = "Not part of the public API; may change without notice.";
    private static final List<String> MODULES = List.of("flyway-zdm-core", "flyway-zdm-callbacks", "flyway-zdm-maven-plugin",
            "flyway-zdm-test-support");
    private static final Pattern PUBLIC_TYPE = Pattern.compile("(?m)^public\\s+(?:final\\s+|abstract\\s+|sealed\\s+)*"
            + "(?:class|interface|enum|record|@interface)\\b");

    @Test
    void everyPackageHasAPackageInfoAndPrivateOnesSaySo() throws IOException {
        List<String> problems = new ArrayList<>();
        int packages = 0;
        for (String module : MODULES) {
            Path sources = Path.of("..", module, "src", "main", "java");
            assertThat(sources).as("sources of %s", module).isDirectory();
            List<Path> dirs;
            try (Stream<Path> walk = Files.walk(sources)) {
                dirs = walk.filter(Files::isDirectory).toList();
            }
            for (Path dir : dirs) {
                List<Path> classes;
                try (Stream<Path> list = Files.list(dir)) {
                    classes = list.filter(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java")).toList();
                }
                if (classes.isEmpty()) {
                    continue;
                }
                packages++;
                String name = sources.relativize(dir).toString().replace('/', '.');
                Path info = dir.resolve("package-info.java");
                if (!Files.exists(info)) {
                    problems.add(module + ": package " + name + " has no package-info.java");
                    continue;
                }
                boolean hasPublicType = false;
                for (Path c : classes) {
                    hasPublicType |= PUBLIC_TYPE.matcher(Files.readString(c, StandardCharsets.UTF_8)).find();
                }
                boolean marked = Files.readString(info, StandardCharsets.UTF_8).contains(PRIVATE_API);
                if ((name.contains(".internal") || !hasPublicType) && !marked) {
                    problems.add(module + ": package " + name + " is not API but its package-info.java does not say \""
                            + PRIVATE_API + "\"");
                }
            }
        }
        assertThat(packages).as("packages found").isGreaterThan(15);
        assertThat(problems).isEmpty();
    }
}
