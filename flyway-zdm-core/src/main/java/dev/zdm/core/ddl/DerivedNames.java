package dev.zdm.core.ddl;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** The deterministic names flyway-zdm gives to the objects it creates (quoting is {@code sql.Identifiers}). */
final class DerivedNames {
    /** PostgreSQL truncates identifiers to NAMEDATALEN - 1 bytes. */
    static final int MAX_BYTES = 63;

    private DerivedNames() {
    }

    /**
     * {@code parts} joined with underscores; when longer than PostgreSQL keeps, cut and made unique again with
     * a short hash of the full name, so that the same inputs always give the same name (a re-run finds what an
     * earlier run created) and two long names sharing a prefix do not collide.
     */
    static String derivedName(String... parts) {
        String full = String.join("_", parts);
        if (full.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return full;
        }
        CRC32 crc = new CRC32();
        crc.update(full.getBytes(StandardCharsets.UTF_8));
        String suffix = "_" + String.format("%08x", crc.getValue());
        return truncateBytes(full, MAX_BYTES - suffix.length()) + suffix;
    }

    private static String truncateBytes(String s, int maxBytes) {
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + len > maxBytes) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += len;
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
