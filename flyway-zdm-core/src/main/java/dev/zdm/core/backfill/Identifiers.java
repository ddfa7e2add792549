package dev.zdm.core.backfill;

import java.util.List;
import java.util.stream.Collectors;

/** Quoting of identifiers: every name the engine writes into SQL goes through here. */
final class Identifiers {
    private Identifiers() {
    }

    /** {@code Order} -> {@code "Order"}, {@code a"b} -> {@code "a""b"}. */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** {@code "schema"."table"}. */
    static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }

    static String quoteAll(List<String> identifiers) {
        return identifiers.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
    }

    /** For messages: {@code users}, or {@code sales.orders}; quoted only where SQL would need it. */
    static String display(String schema, String name) {
        return schema == null ? readable(name) : readable(schema) + "." + readable(name);
    }

    private static String readable(String identifier) {
        return identifier.matches("[a-z_][a-z0-9_$]*") ? identifier : quote(identifier);
    }
}
