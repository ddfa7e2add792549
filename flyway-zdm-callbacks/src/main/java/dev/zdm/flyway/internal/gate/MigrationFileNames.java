package dev.zdm.flyway.internal.gate;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * The file names under Flyway's locations (filesystem directories, class path directories and jars), listed
 * cheaply so the gate can tell that nothing is pending without a Flyway {@code info()}. Empty when a location
 * cannot be listed this way: the caller then asks Flyway.
 */
final class MigrationFileNames {
    private MigrationFileNames() {
    }

    static Optional<List<String>> list(Configuration configuration) {
        List<String> names = new ArrayList<>();
        try {
            for (Location location : configuration.getLocations()) {
                if (location.isFileSystem()) {
                    walk(Path.of(location.getRootPath()), names);
                } else if (location.isClassPath()) {
                    Enumeration<URL> roots = configuration.getClassLoader().getResources(location.getRootPath());
                    while (roots.hasMoreElements()) {
                        URL root = roots.nextElement();
                        if (root.getProtocol().equals("file")) {
                            walk(Path.of(root.toURI()), names);
                        } else if (root.getProtocol().equals("jar")) {
                            jar(root, location.getRootPath(), names);
                        } else {
                            return Optional.empty();
                        }
                    }
                } else {
                    return Optional.empty();
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(names);
    }

    private static void walk(Path dir, List<String> names) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).forEach(p -> names.add(p.getFileName().toString()));
        }
    }

    private static void jar(URL root, String rootPath, List<String> names) throws IOException {
        JarURLConnection connection = (JarURLConnection) root.openConnection();
        connection.setUseCaches(false);
        String prefix = rootPath.endsWith("/") ? rootPath : rootPath + "/";
        try (JarFile jar = connection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                    names.add(entry.getName().substring(entry.getName().lastIndexOf('/') + 1));
                }
            }
        }
    }
}
