package dev.zdm.core.sql;

import java.util.List;
import java.util.Map;

/**
 * A column type as written, normalised: {@code character varying(20)} is {@code varchar} with modifier
 * {@code 20}; {@code int}, {@code int4} and {@code integer} are all {@code integer}.
 *
 * @param name      the canonical name, lower case ({@code varchar}, {@code numeric}, {@code timestamptz}, ...)
 * @param modifiers the type modifiers, e.g. {@code [10, 2]} for {@code numeric(10,2)}
 * @param array     {@code true} for {@code text[]}
 */
public record TypeName(String name, List<String> modifiers, boolean array) {
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("int8", "bigint"),
            Map.entry("int2", "smallint"), Map.entry("serial4", "serial"), Map.entry("serial8", "bigserial"),
            Map.entry("serial2", "smallserial"), Map.entry("character varying", "varchar"), Map.entry("character", "char"),
            Map.entry("bpchar", "char"), Map.entry("decimal", "numeric"), Map.entry("float8", "double precision"),
            Map.entry("float4", "real"), Map.entry("bool", "boolean"), Map.entry("timestamp without time zone", "timestamp"),
            Map.entry("timestamp with time zone", "timestamptz"), Map.entry("time without time zone", "time"),
            Map.entry("time with time zone", "timetz"), Map.entry("bit varying", "varbit"));

    public TypeName {
        modifiers = List.copyOf(modifiers);
    }

    static TypeName of(String rawName, List<String> modifiers, boolean array) {
        String n = Identifiers.fold(rawName.indexOf(' ') >= 0 || rawName.indexOf('\n') >= 0 || rawName.indexOf('\t') >= 0
                ? String.join(" ", rawName.trim().split("\\s+")) : rawName);
        if (n.startsWith("pg_catalog.")) {
            n = n.substring("pg_catalog.".length());
        }
        return new TypeName(ALIASES.getOrDefault(n, n), modifiers, array);
    }

    /**
     * Reads a type as SQL writes it or as {@code format_type()} prints it ({@code character varying(20)},
     * {@code numeric(10,2)}, {@code timestamp without time zone}, {@code text[]}); null when it is not a type name.
     */
    public static TypeName parse(String sql) {
        Tokens tokens = Lexer.lex(sql);
        try {
            return DefinitionParser.typeName(new Cursor(tokens, 0, tokens.size()));
        } catch (RuntimeException e) {
            return null;
        }
    }

    public boolean isSerial() {
        return name.equals("serial") || name.equals("bigserial") || name.equals("smallserial");
    }

    /** 4-byte or smaller integer types, whose sequences run out at 2^31. */
    public boolean isSmallInteger() {
        return name.equals("integer") || name.equals("smallint") || name.equals("serial") || name.equals("smallserial");
    }

    /** The type as SQL, e.g. {@code varchar(20)}. */
    public String sql() {
        return name + (modifiers.isEmpty() ? "" : "(" + String.join(",", modifiers) + ")") + (array ? "[]" : "");
    }

    @Override
    public String toString() {
        return sql();
    }
}
