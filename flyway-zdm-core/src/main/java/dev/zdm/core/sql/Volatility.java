package dev.zdm.core.sql;

import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a DEFAULT expression is volatile, which makes ADD COLUMN rewrite the table (PG 11+
 * stores a non-volatile default in the catalog instead). PostgreSQL declares user functions VOLATILE
 * unless told otherwise, so a call to a function not known to be stable or immutable counts as volatile.
 */
public final class Volatility {
    private static final Set<String> NOT_VOLATILE = Set.of(
            "now", "transaction_timestamp", "statement_timestamp", "current_timestamp", "current_date", "current_time",
            "localtimestamp", "localtime", "current_user", "session_user", "current_schema", "current_setting",
            "lower", "upper", "coalesce", "nullif", "greatest", "least", "concat", "concat_ws", "length", "abs", "round",
            "to_jsonb", "to_json", "jsonb_build_object", "json_build_object", "jsonb_build_array", "json_build_array",
            "array", "cast", "make_date", "make_time", "make_timestamp", "make_timestamptz", "make_interval", "date_trunc",
            "to_timestamp", "to_date", "to_char", "timezone", "md5", "replace", "substring", "trim", "format", "row",
            "array_fill", "jsonb", "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange", "point",
            "inet", "cidr", "interval", "date", "timestamp", "timestamptz", "numeric", "varchar", "char", "bit", "time",
            "pg_catalog.now");
    private static final Set<String> KNOWN_VOLATILE = Set.of(
            "random", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "uuidv4", "uuidv7",
            "clock_timestamp", "timeofday", "nextval", "setseed", "txid_current", "random_normal", "gen_random_bytes");

    private Volatility() {
    }

    /** The first volatile function called in {@code expression}, or null when it has none. */
    public static String volatileCall(String expression) {
        if (expression == null) {
            return null;
        }
        Tokens t = Lexer.lex(expression);
        for (int i = 0; i < t.size(); i++) {
            if (t.type(i) != TokenType.WORD || i + 1 >= t.size() || !t.isSymbol(i + 1, '(')) {
                continue;
            }
            if (i > 0 && (t.isSymbol(i - 1, ':') || t.isWord(i - 1, "as") || t.isSymbol(i - 1, '.'))) {
                if (!(i > 0 && t.isSymbol(i - 1, '.'))) {
                    continue;
                }
            }
            String name = t.text(i).toLowerCase(Locale.ROOT);
            if (KNOWN_VOLATILE.contains(name) || !NOT_VOLATILE.contains(name)) {
                return name;
            }
        }
        return null;
    }

    /** True when {@code expression} calls a function PostgreSQL ships as volatile (random(), gen_random_uuid(), ...). */
    public static boolean knownVolatile(String expression) {
        String call = volatileCall(expression);
        return call != null && KNOWN_VOLATILE.contains(call);
    }
}
