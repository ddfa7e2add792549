package dev.zdm.core.lint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Accepted findings, so that adopting the analyzer on a project with history starts green and stays
 * strict for what is new. One line per finding: {@code RULE<TAB>file<TAB>fingerprint<TAB># message}; the
 * fingerprint hashes the statement text with whitespace and case folded, so edits elsewhere in the file
 * (which move line numbers) keep it valid, and changing the statement brings the finding back.
 */
public final class Baseline {
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");
    private final Set<String> keys;

    private Baseline(Set<String> keys) {
        this.keys = keys;
    }

    public static Baseline empty() {
        return new Baseline(Set.of());
    }

    /** Reads a baseline file; a missing file is an empty baseline. */
    public static Baseline read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return empty();
        }
        Set<String> keys = new HashSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t");
            if (parts.length >= 3) {
                keys.add(parts[0] + "\t" + parts[1] + "\t" + parts[2]);
            }
        }
        return new Baseline(keys);
    }

    /** Writes the findings as a baseline file. */
    public static void write(Path file, List<Finding> findings) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# flyway-zdm lint baseline: accepted findings (rule, file, statement fingerprint). Remove a line to see it again.");
        for (Finding f : findings) {
            lines.add(key(f) + "\t# " + f.message().replaceAll("\\s+", " "));
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    public boolean accepts(Finding finding) {
        return !keys.isEmpty() && keys.contains(key(finding));
    }

    public int size() {
        return keys.size();
    }

    static String key(Finding f) {
        return f.ruleId() + "\t" + f.file() + "\t" + fingerprint(f.statement());
    }

    static String fingerprint(String statement) {
        String normal = WHITESPACE.matcher(statement.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
