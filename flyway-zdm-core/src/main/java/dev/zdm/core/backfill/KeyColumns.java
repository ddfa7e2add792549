package dev.zdm.core.backfill;

import dev.zdm.core.sql.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The columns a backfill walks the table by, with their SQL types (from {@code format_type}, so they can be
 * written into casts) and the index that makes the walk cheap.
 *
 * @param names  column names, in index order
 * @param types  their types as PostgreSQL prints them ({@code integer}, {@code character varying(40)}, {@code uuid})
 * @param index  the btree index the walk uses
 * @param unique whether that index is unique (a non-unique key still visits every row exactly once: a range
 *               always holds all rows of its upper key)
 */
record KeyColumns(List<String> names, List<String> types, String index, boolean unique) {

    int size() {
        return names.size();
    }

    /** {@code "id"} or {@code ("a", "b")}: the key of the table the statement scans, qualified by {@code owner}. */
    String reference(String owner) {
        List<String> refs = new ArrayList<>();
        for (String name : names) {
            refs.add(owner == null ? Identifiers.quote(name) : owner + "." + Identifiers.quote(name));
        }
        return refs.size() == 1 ? refs.get(0) : "(" + String.join(", ", refs) + ")";
    }

    /** {@code CAST(? AS integer)} or {@code (CAST(? AS integer), CAST(? AS text))}: key values bound as text. */
    String parameters() {
        String casts = types.stream().map(t -> "CAST(? AS " + t + ")").collect(Collectors.joining(", "));
        return types.size() == 1 ? casts : "(" + casts + ")";
    }

    /**
     * {@code t."a"::text, t."b"::text}: the key read back as text, which every type turns into and back from exactly;
     * qualified by {@code owner} (a table reference, already quoted).
     */
    String asText(String owner) {
        return names.stream().map(n -> (owner == null ? "" : owner + ".") + Identifiers.quote(n) + "::text").collect(Collectors.joining(", "));
    }

    /** {@code t."a", t."b"}. */
    String columns(String owner) {
        return names.stream().map(n -> owner + "." + Identifiers.quote(n)).collect(Collectors.joining(", "));
    }

    /** {@code t."a", t."b"} or {@code t."a" DESC, t."b" DESC}. */
    String orderBy(String owner, boolean descending) {
        return names.stream().map(n -> owner + "." + Identifiers.quote(n) + (descending ? " DESC" : "")).collect(Collectors.joining(", "));
    }

    /** {@code (id)} or {@code (tenant_id, seq)}: for messages. */
    String display() {
        return "(" + String.join(", ", names) + ")";
    }

    /** A key value for messages: {@code [42]}, {@code [7, 'b']}. */
    static String displayValue(List<String> value) {
        return value == null ? "(start)" : "[" + String.join(", ", value) + "]";
    }
}
