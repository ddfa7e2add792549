package dev.zdm.core.sql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * What a statement says, as a short hash that survives edits which do not change it: comments, white space, line
 * breaks and the case of unquoted words are left out; strings, quoted identifiers and numbers count exactly. Two
 * statements with the same fingerprint do the same thing; a statement moved to another line keeps its fingerprint.
 * Resume bookkeeping and backfill checkpoints use it to recognise a statement an earlier run applied, instead of its
 * line or position (both change when a line is inserted above it).
 * <pre>
 * StatementFingerprint.of("UPDATE users  SET a = 1 -- note").equals(StatementFingerprint.of("update users set a = 1"))  // true
 * </pre>
 */
public final class StatementFingerprint {
    /** Hex characters kept: 64 bits of SHA-256, far beyond the number of statements one script can hold. */
    private static final int LENGTH = 16;

    private StatementFingerprint() {
    }

    /** The fingerprint of {@code sql} (one statement, directives and comments allowed). */
    public static String of(String sql) {
        return of(sql, "");
    }

    /**
     * The fingerprint of {@code sql} followed by {@code payload} taken verbatim: for statements that carry data outside
     * their SQL text, such as the rows of {@code COPY ... FROM STDIN}.
     */
    public static String of(String sql, String payload) {
        StringBuilder normalized = new StringBuilder(sql.length());
        for (SqlToken token : SqlFragment.lex(sql).tokens()) {
            if (token.isSymbol(';')) {
                continue;
            }
            normalized.append(token.type() == TokenType.WORD ? token.text().toLowerCase(Locale.ROOT) : token.text()).append(' ');
        }
        normalized.append('\u0000').append(payload);
        return sha256(normalized.toString()).substring(0, LENGTH);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
