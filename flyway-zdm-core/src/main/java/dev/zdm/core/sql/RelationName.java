package dev.zdm.core.sql;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A table, index, view, type or other schema object as a statement names it: the schema when written
 * ({@code null} otherwise), and the name folded as PostgreSQL folds it (unquoted names in lower case).
 */
public record RelationName(String schema, String name) {
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

    public RelationName {
        Objects.requireNonNull(name, "name");
    }

    public static RelationName of(String name) {
        return new RelationName(null, name);
    }

    /**
     * True when both name the same object: equal names, and equal schemas where both are written
     * ({@code users} and {@code public.users} are taken to be the same table).
     */
    public boolean sameAs(RelationName other) {
        if (other == null || !name.equals(other.name)) {
            return false;
        }
        return schema == null || other.schema == null || schema.equals(other.schema);
    }

    /** {@code schema.name} as it reads in messages, quoted only where SQL needs it. */
    public String display() {
        return schema == null ? sql(name) : sql(schema) + "." + sql(name);
    }

    /** Always-quoted SQL form, {@code "schema"."name"}, for SQL that flyway-zdm runs. */
    public String quoted() {
        return schema == null ? quote(name) : quote(schema) + "." + quote(name);
    }

    /** An identifier as SQL text: bare when PostgreSQL would fold it to itself, quoted otherwise. */
    public static String sql(String identifier) {
        if (identifier.startsWith("${")) {
            return identifier;
        }
        if (isPlain(identifier) && !RESERVED.contains(identifier)) {
            return identifier;
        }
        return quote(identifier);
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

    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The name folded for comparisons ({@code Users} and {@code users} unquoted are the same). */
    static String fold(String word) {
        return word.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return display();
    }
}
