package dev.zdm.core.ddl;

import dev.zdm.core.sql.FragmentCheck;
import dev.zdm.core.sql.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An index to build concurrently, for Java callers:
 * <pre>
 * IndexDefinition.on("users").columns("email")                                   // "users_email_idx"
 * IndexDefinition.on("app", "users").columns("tenant_id", "email").unique().name("users_tenant_email_key")
 * IndexDefinition.on("events").using("gin").columns("tags").where("deleted_at IS NULL")
 * IndexDefinition.on("users").expressions("lower(email)")
 * </pre>
 * Table, column and index names are taken literally and quoted; {@link #expressions} and {@link #where} are SQL and
 * are written into the statement as given. Immutable: each method returns a new definition.
 */
public final class IndexDefinition {
    private static final Pattern METHOD = Pattern.compile("[a-z_][a-z0-9_]*");

    private final QualifiedName table;
    private final List<String> elements;
    private final List<String> nameParts;
    private final List<String> included;
    private final String name;
    private final boolean unique;
    private final String method;
    private final String where;

    private IndexDefinition(QualifiedName table, List<String> elements, List<String> nameParts, List<String> included, String name,
                            boolean unique, String method, String where) {
        this.table = table;
        this.elements = elements;
        this.nameParts = nameParts;
        this.included = included;
        this.name = name;
        this.unique = unique;
        this.method = method;
        this.where = where;
    }

    /** An index on {@code table} ({@code "users"} or {@code "app.users"}). */
    public static IndexDefinition on(String table) {
        return on(QualifiedName.parse(table));
    }

    public static IndexDefinition on(String schema, String table) {
        return on(new QualifiedName(schema, table));
    }

    public static IndexDefinition on(QualifiedName table) {
        return new IndexDefinition(Objects.requireNonNull(table, "table"), List.of(), List.of(), List.of(), null, false, null, null);
    }

    /** Key columns, in order, after those already given. */
    public IndexDefinition columns(String... columns) {
        List<String> e = new ArrayList<>(elements);
        List<String> n = new ArrayList<>(nameParts);
        for (String c : columns) {
            e.add(Identifiers.quote(c));
            n.add(c);
        }
        return new IndexDefinition(table, List.copyOf(e), List.copyOf(n), included, name, unique, method, where);
    }

    /** Key expressions such as {@code lower(email)}, SQL written as given (each is put in parentheses). */
    public IndexDefinition expressions(String... sqlExpressions) {
        List<String> e = new ArrayList<>(elements);
        List<String> n = new ArrayList<>(nameParts);
        for (String x : sqlExpressions) {
            e.add("(" + FragmentCheck.require("IndexDefinition.expressions", x) + ")");
            n.add("expr");
        }
        return new IndexDefinition(table, List.copyOf(e), List.copyOf(n), included, name, unique, method, where);
    }

    /** Non-key columns ({@code INCLUDE (...)}). */
    public IndexDefinition include(String... columns) {
        List<String> i = new ArrayList<>(included);
        i.addAll(List.of(columns));
        return new IndexDefinition(table, elements, nameParts, List.copyOf(i), name, unique, method, where);
    }

    /** The index name; by default {@code <table>_<columns>_idx}, as PostgreSQL would choose (cut with a hash at 63 bytes). */
    public IndexDefinition name(String indexName) {
        return new IndexDefinition(table, elements, nameParts, included, Objects.requireNonNull(indexName), unique, method, where);
    }

    public IndexDefinition unique() {
        return new IndexDefinition(table, elements, nameParts, included, name, true, method, where);
    }

    /** The access method: btree (default), hash, gin, gist, brin, spgist, or an extension's. */
    public IndexDefinition using(String accessMethod) {
        String m = accessMethod.trim().toLowerCase(java.util.Locale.ROOT);
        if (!METHOD.matcher(m).matches()) {
            throw new IllegalArgumentException("not an index access method name: " + accessMethod);
        }
        return new IndexDefinition(table, elements, nameParts, included, name, unique, m, where);
    }

    /** A partial index: {@code WHERE predicate}, SQL written as given. */
    public IndexDefinition where(String predicate) {
        return new IndexDefinition(table, elements, nameParts, included, name, unique, method,
                FragmentCheck.require("IndexDefinition.where", predicate));
    }

    public QualifiedName table() {
        return table;
    }

    public boolean isUnique() {
        return unique;
    }

    /** The index name, given or derived. */
    public String indexName() {
        if (name != null) {
            return name;
        }
        if (nameParts.isEmpty()) {
            throw new IllegalStateException("index on " + table + " has no columns: call columns(...) or expressions(...)");
        }
        return DerivedNames.index(table.name(), nameParts);
    }

    /** {@code USING gin ("tags") INCLUDE ("x") WHERE ...}: what follows {@code ON table}. */
    String definition() {
        if (elements.isEmpty()) {
            throw new IllegalStateException("index on " + table + " has no columns: call columns(...) or expressions(...)");
        }
        return (method == null ? "" : "USING " + method + " ") + "(" + String.join(", ", elements) + ")"
                + (included.isEmpty() ? "" : " INCLUDE (" + Identifiers.quoteAll(included) + ")")
                + (where == null ? "" : " WHERE " + where);
    }

    /** Always idempotent: an existing valid index of this name is kept, an invalid one rebuilt. */
    IndexSpec toSpec() {
        return new IndexSpec(table, indexName(), unique, true, definition());
    }

    @Override
    public String toString() {
        return (unique ? "unique " : "") + "index " + indexName() + " on " + table + " " + definition();
    }
}
