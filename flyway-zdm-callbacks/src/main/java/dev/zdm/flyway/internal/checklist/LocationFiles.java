package dev.zdm.flyway.internal.checklist;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.FlywayException;

/**
 * The files under Flyway's locations (filesystem directories, class path directories and jars), read without a
 * database: the undo migrations the rollback item looks for, and, offline, the SQL migrations themselves.
 */
final class LocationFiles {
    /**
     * One file.
     *
     * @param name     the file name, {@code V3__index.sql}
     * @param relative the path under its location, as Flyway's script name
     * @param text     its content, read as UTF-8
     */
    record LocationFile(String name, String relative, String text) {
    }

    private LocationFiles() {
    }

    /** Every file name under the locations; locations of other kinds (cloud storage) are left out. */
    static List<String> names(Configuration configuration) {
        return read(configuration, false).stream().map(LocationFile::name).toList();
    }

    /** Every file under the locations with its content. */
    static List<LocationFile> read(Configuration configuration) {
        return read(configuration, true);
    }

    private static List<LocationFile> read(Configuration configuration, boolean withText) {
        List<LocationFile> out = new ArrayList<>();
        for (Location location : configuration.getLocations()) {
            try {
                if (location.isFileSystem()) {
                    walk(Path.of(location.getRootPath()), withText, out);
                } else if (location.isClassPath()) {
                    Enumeration<URL> roots = configuration.getClassLoader().getResources(location.getRootPath());
                    while (roots.hasMoreElements()) {
                        URL root = roots.nextElement();
                        if (root.getProtocol().equals("file")) {
                            walk(Path.of(root.toURI()), withText, out);
                        } else if (root.getProtocol().equals("jar")) {
                            jar(root, location.getRootPath(), withText, out);
                        }
                    }
                }
            } catch (IOException | URISyntaxException e) {
                throw new FlywayException("flyway-zdm checklist could not read the location " + location.getDescriptor() + " ("
                        + e.getMessage() + "); check flyway.locations.", e);
            }
        }
        return out;
    }

    private static void walk(Path dir, boolean withText, List<LocationFile> out) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path p : files) {
            out.add(new LocationFile(p.getFileName().toString(), dir.relativize(p).toString().replace('\\', '/'),
                    withText ? Files.readString(p, StandardCharsets.UTF_8) : null));
        }
    }

    private static void jar(URL root, String rootPath, boolean withText, List<LocationFile> out) throws IOException {
        JarURLConnection connection = (JarURLConnection) root.openConnection();
        connection.setUseCaches(false);
        String prefix = rootPath.endsWith("/") ? rootPath : rootPath + "/";
        try (JarFile jar = connection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                    String text = null;
                    if (withText) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        }
                    }
                    out.add(new LocationFile(entry.getName().substring(entry.getName().lastIndexOf('/') + 1),
                            entry.getName().substring(prefix.length()), text));
                }
            }
        }
    }
}
