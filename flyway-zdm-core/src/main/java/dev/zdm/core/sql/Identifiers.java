package dev.zdm.core.sql;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * PostgreSQL's identifier rules in one place: how an unquoted name folds, how a quoted one is read, and how any
 * name is written back into SQL. Every name flyway-zdm writes into SQL goes through {@link #quote}.
 */
public final class Identifiers {
    /** Key words that cannot stand as a bare column or table name, so {@link #display} quotes them. */
    private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as", "asc",
            "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create", "current_catalog",
            "current_date", "current_role", "current_time", "current_timestamp", "current_user", "default", "deferrable",
            "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group",
            "having", "in", "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp",
            "not", "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
            "session_user", "some", "symmetric", "system_user", "table", "then", "to", "trailing", "true", "union", "unique",
            "user", "using", "variadic", "when", "where", "window", "with", "authorization", "binary", "collation",
            "concurrently", "cross", "freeze", "full", "ilike", "inner", "is", "isnull", "join", "left", "like", "natural",
            "notnull", "outer", "overlaps", "right", "similar", "tablesample", "verbose");

    private Identifiers() {
    }

    /**
     * An unquoted name as PostgreSQL stores it: {@code A}-{@code Z} in lower case, every other character as written
     * (PostgreSQL's {@code downcase_identifier} in a UTF-8 database: {@code Äpfel} stays {@code Äpfel}).
     */
    public static String fold(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] out = word.toCharArray();
                for (int j = i; j < out.length; j++) {
                    if (out[j] >= 'A' && out[j] <= 'Z') {
                        out[j] = (char) (out[j] + ('a' - 'A'));
                    }
                }
                return new String(out);
            }
        }
        return word;
    }

    /**
     * The name a quoted identifier token spells: the text between the quotes with doubled quotes undone
     * ({@code "we""ird"} -> {@code we"ird}). A {@code U&"..."} prefix is dropped; its escapes are not decoded.
     */
    public static String unquote(String quotedToken) {
        int open = quotedToken.indexOf('"');
        int end = quotedToken.endsWith("\"") && quotedToken.length() > open + 1 ? quotedToken.length() - 1 : quotedToken.length();
        return quotedToken.substring(open + 1, end).replace("\"\"", "\"");
    }

    /** {@code Order} -> {@code "Order"}, {@code a"b} -> {@code "a""b"}: the always-safe SQL form of a name. */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** {@code "a", "b"}. */
    public static String quoteAll(List<String> identifiers) {
        return identifiers.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
    }

    /** {@code "schema"."name"}, or {@code "name"} when {@code schema} is null. */
    public static String qualified(String schema, String name) {
        return schema == null ? quote(name) : quote(schema) + "." + quote(name);
    }

    /**
     * A name as SQL text for messages and fix recipes: bare when PostgreSQL reads it back as itself (lower-case letters,
     * digits, {@code _}, {@code $}, not a reserved word), quoted otherwise; a Flyway placeholder as written.
     */
    public static String display(String identifier) {
        if (identifier.startsWith("${")) {
            return identifier;
        }
        if (isPlain(identifier) && !RESERVED.contains(identifier)) {
            return identifier;
        }
        return quote(identifier);
    }

    /** {@code users}, {@code sales.orders} or {@code "Sales"."Orders"}; the schema may be null. */
    public static String display(String schema, String name) {
        return schema == null ? display(name) : display(schema) + "." + display(name);
    }

    /** Lower-case letters, digits, underscore and dollar, not starting with a digit or dollar. */
    private static boolean isPlain(String identifier) {
        if (identifier.isEmpty()) {
            return false;
        }
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            boolean letter = c >= 'a' && c <= 'z' || c == '_';
            boolean other = c >= '0' && c <= '9' || c == '$';
            if (!(letter || i > 0 && other)) {
                return false;
            }
        }
        return true;
    }
}
