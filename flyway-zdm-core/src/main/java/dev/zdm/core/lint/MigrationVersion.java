package dev.zdm.core.lint;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flyway migration version ({@code 1.2.10} from {@code V1_2_10__desc.sql}), ordered as Flyway orders
 * versions: part by part, numerically. Repeatable migrations ({@code R__x.sql}) have no version and sort
 * after all versioned ones.
 */
public record MigrationVersion(List<BigInteger> parts, String text) implements Comparable<MigrationVersion> {
    private static final Pattern VERSIONED = Pattern.compile("^[A-Za-z]*?V([0-9][0-9._]*?)(?:__.*)?(?:\\.[A-Za-z]+)?$");
    public static final MigrationVersion REPEATABLE = new MigrationVersion(List.of(), "repeatable");

    /** Reads {@code 1.2}, {@code 1_2} or {@code 3}. */
    public static MigrationVersion parse(String version) {
        List<BigInteger> parts = new ArrayList<>();
        for (String p : version.trim().split("[._]")) {
            if (!p.isEmpty()) {
                parts.add(new BigInteger(p));
            }
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("not a migration version: '" + version + "'");
        }
        return new MigrationVersion(List.copyOf(parts), version.trim().replace('_', '.'));
    }

    /** The version of {@code V3_1__add_index.sql}; {@link #REPEATABLE} for {@code R__...} and anything else. */
    public static MigrationVersion fromFileName(String fileName) {
        String base = fileName.contains("/") ? fileName.substring(fileName.lastIndexOf('/') + 1) : fileName;
        Matcher m = VERSIONED.matcher(base);
        if (m.matches() && base.startsWith("V")) {
            return parse(m.group(1));
        }
        return REPEATABLE;
    }

    public boolean repeatable() {
        return parts.isEmpty();
    }

    @Override
    public int compareTo(MigrationVersion o) {
        if (repeatable() || o.repeatable()) {
            return Boolean.compare(repeatable(), o.repeatable());
        }
        for (int i = 0; i < Math.max(parts.size(), o.parts.size()); i++) {
            BigInteger a = i < parts.size() ? parts.get(i) : BigInteger.ZERO;
            BigInteger b = i < o.parts.size() ? o.parts.get(i) : BigInteger.ZERO;
            int cmp = a.compareTo(b);
            if (cmp != 0) {
                return cmp;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
