package dev.zdm.flyway.internal;

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

/**
 * The files under Flyway's locations (filesystem directories, class path directories and jars), read without a
 * database and without Flyway's resolvers: cheap enough for the migrate gate's "is anything pending?" and complete
 * enough for the offline checklist and its undo-file lookup. Locations of other kinds (cloud storage, an unknown
 * class path URL scheme) are left out and make the listing {@linkplain Listing#complete() incomplete}.
 */
public final class LocationFiles {
    /**
     * One file.
     *
     * @param name     the file name, {@code V3__index.sql}
     * @param relative the path under its location, as Flyway's script name
     * @param text     its content read as UTF-8, null when only names were asked for
     */
    public record LocationFile(String name, String relative, String text) {
    }

    /**
     * What was listed.
     *
     * @param files    the files, in location order, sorted by path within a directory
     * @param complete false when some location could not be listed this way
     */
    public record Listing(List<LocationFile> files, boolean complete) {
        public List<String> names() {
            return files.stream().map(LocationFile::name).toList();
        }
    }

    private LocationFiles() {
    }

    /**
     * Lists the files under every location of the configuration.
     *
     * @param withText also read each file's content
     * @throws IOException when a listed location cannot be read (the caller names the location and the fix)
     */
    public static Listing list(Configuration configuration, boolean withText) throws IOException {
        List<LocationFile> out = new ArrayList<>();
        boolean complete = true;
        for (Location location : configuration.getLocations()) {
            if (location.isFileSystem()) {
                walk(Path.of(location.getRootPath()), withText, out);
            } else if (location.isClassPath()) {
                Enumeration<URL> roots = configuration.getClassLoader().getResources(location.getRootPath());
                while (roots.hasMoreElements()) {
                    URL root = roots.nextElement();
                    if (root.getProtocol().equals("file")) {
                        walk(toPath(root), withText, out);
                    } else if (root.getProtocol().equals("jar")) {
                        jar(root, location.getRootPath(), withText, out);
                    } else {
                        complete = false;
                    }
                }
            } else {
                complete = false;
            }
        }
        return new Listing(List.copyOf(out), complete);
    }

    private static Path toPath(URL root) throws IOException {
        try {
            return Path.of(root.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("not a file URL: " + root, e);
        }
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
