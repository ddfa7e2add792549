package dev.zdm.maven;

import dev.zdm.core.lint.MigrationSource;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the SQL migrations of some directories as Flyway finds them: recursively, files named
 * {@code V<version>__<desc>.sql} or {@code R__<desc>.sql}; a {@code <file>.conf} script configuration
 * next to one may set {@code executeInTransaction}. The first file of a name wins, as in Flyway.
 */
final class MigrationFiles {
    private MigrationFiles() {
    }

    static List<MigrationSource> read(List<File> directories, File baseDir) throws IOException {
        Map<String, MigrationSource> byName = new LinkedHashMap<>();
        for (File dir : directories) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir.toPath())) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".sql") || !(name.matches("V[0-9][0-9._]*__.*") || name.startsWith("R__"))) {
                    continue;
                }
                byName.putIfAbsent(name, new MigrationSource(name, relative(file, baseDir),
                        Files.readString(file, StandardCharsets.UTF_8), executeInTransaction(file)));
            }
        }
        return new ArrayList<>(byName.values());
    }

    private static Boolean executeInTransaction(Path sqlFile) throws IOException {
        Path conf = sqlFile.resolveSibling(sqlFile.getFileName() + ".conf");
        if (!Files.isRegularFile(conf)) {
            return null;
        }
        for (String line : Files.readAllLines(conf, StandardCharsets.UTF_8)) {
            String l = line.trim();
            if (l.startsWith("executeInTransaction")) {
                return Boolean.valueOf(l.substring(l.indexOf('=') + 1).trim());
            }
        }
        return null;
    }

    private static String relative(Path file, File baseDir) {
        Path base = baseDir.toPath().toAbsolutePath().normalize();
        Path abs = file.toAbsolutePath().normalize();
        return (abs.startsWith(base) ? base.relativize(abs) : abs).toString().replace(File.separatorChar, '/');
    }
}
