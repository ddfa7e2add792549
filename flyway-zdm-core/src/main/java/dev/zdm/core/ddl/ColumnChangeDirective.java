package dev.zdm.core.ddl;

import dev.zdm.core.sql.Directive;
import dev.zdm.core.sql.DirectiveOptions;
import dev.zdm.core.sql.Directives;
import dev.zdm.core.sql.FragmentCheck;
import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.sql.SqlScript;
import dev.zdm.core.text.DidYouMean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL form of {@link Operations#renameColumn} and {@link Operations#changeType}: a migration whose only content is one
 * directive (other comments and {@code -- zdm:phase=expand} may be there too):
 * <pre>
 * -- zdm:rename-column table=users from=name to=full_name
 * -- zdm:change-type table=users column=amount type=numeric(12,2) using="amount::numeric / 100" inverse="(amount * 100)::integer"
 * </pre>
 * Options: {@code table} ({@code users} or {@code app.users}; unquoted names fold to lower case as in SQL, a part written
 * {@code "Users"} keeps its case), {@code from}/{@code to} or {@code column}/{@code type}/{@code using}/{@code inverse}
 * (values with spaces in double quotes, {@code \"} for a quote inside; see {@link DirectiveOptions}), and the word
 * {@code background} (or {@code background=true}): the backfill of the new column runs as a background job, the migration
 * returns at once and the rest of the copy waits for the job at contract.
 * <p>The spec is stored as a map ({@link #toMap()}, JSON in {@code zdm_phase_state.detail}) so that the contract and the
 * undo rebuild the same operation later ({@link #fromMap}).
 *
 * @param kind       {@link Directives#RENAME_COLUMN} or {@link Directives#CHANGE_TYPE}'s name
 * @param table      the table, as the operation takes it
 * @param from       the column renamed, or the column whose type changes
 * @param to         the new name (a rename), else null
 * @param type       the new type (a type change), else null
 * @param using      the conversion of an old value (a type change; null: a cast)
 * @param inverse    the conversion of a new value back (a type change; null: none)
 * @param background whether the backfill runs as a background job
 * @param line       the directive's line in its file (0 when rebuilt from a stored spec)
 */
public record ColumnChangeDirective(String kind, QualifiedName table, String from, String to, String type, String using,
                                   String inverse, boolean background, int line) {
    private static final String BACKGROUND = "background";
    private static final List<String> RENAME_REQUIRED = List.of("table", "from", "to");
    private static final List<String> CHANGE_REQUIRED = List.of("table", "column", "type");

    /** Whether {@code d} is one of the two column directives. */
    public static boolean isColumnChange(Directive d) {
        return d.is(Directives.RENAME_COLUMN.name()) || d.is(Directives.CHANGE_TYPE.name());
    }

    /** Whether this is a rename (else a type change). */
    public boolean rename() {
        return Directives.RENAME_COLUMN.name().equals(kind);
    }

    /**
     * Reads {@code d}'s options.
     *
     * @throws IllegalArgumentException what is wrong (unknown, missing, repeated or empty option, a bad value) and what to write
     */
    public static ColumnChangeDirective parse(Directive d) {
        Directives.Kind kind = Directives.byName(d.name()).filter(k -> k == Directives.RENAME_COLUMN || k == Directives.CHANGE_TYPE)
                .orElseThrow(() -> new IllegalArgumentException("zdm:" + d.name() + " is not a column directive"));
        String name = "zdm:" + kind.name();
        DirectiveOptions options = DirectiveOptions.parse(d.arguments());
        boolean background = false;
        for (String word : options.words()) {
            if (word.equalsIgnoreCase(BACKGROUND)) {
                background = true;
            } else {
                Optional<String> closest = DidYouMean.closest(word, kind.options());
                throw new IllegalArgumentException(name + ": '" + word + "' is not an option=value" + closest.map(c -> " (did you mean "
                        + c + "=...?)").orElse("") + "; " + name + " takes " + String.join(", ", kind.options()) + ". Example: " + kind.example());
            }
        }
        for (String key : options.options().keySet()) {
            if (!kind.options().contains(key)) {
                Optional<String> closest = DidYouMean.closest(key, kind.options());
                throw new IllegalArgumentException(name + ": unknown option " + key + closest.map(c -> " (did you mean " + c + "?)").orElse("")
                        + "; " + name + " takes " + String.join(", ", kind.options()) + ". Example: " + kind.example());
            }
        }
        if (!options.duplicates().isEmpty()) {
            throw new IllegalArgumentException(name + ": option " + String.join(", ", options.duplicates()) + " is given more than once;"
                    + " write each option once");
        }
        List<String> required = kind == Directives.RENAME_COLUMN ? RENAME_REQUIRED : CHANGE_REQUIRED;
        List<String> missing = required.stream().filter(k -> !options.options().containsKey(k)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(name + ": missing " + String.join(", ", missing) + "; it needs " + String.join(", ", required)
                    + ". Example: " + kind.example());
        }
        for (Map.Entry<String, String> e : options.options().entrySet()) {
            if (e.getValue().isBlank()) {
                throw new IllegalArgumentException(name + ": option " + e.getKey() + " is empty");
            }
        }
        String bg = options.options().get(BACKGROUND);
        if (bg != null) {
            if (!bg.equalsIgnoreCase("true") && !bg.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException(name + ": background=" + bg + " is neither true nor false (or write the word background alone)");
            }
            background = Boolean.parseBoolean(bg.toLowerCase(Locale.ROOT));
        }
        QualifiedName table = tableName(name, options.options().get("table"));
        ColumnChangeDirective out;
        if (kind == Directives.RENAME_COLUMN) {
            String from = columnName(name, "from", options.options().get("from"));
            String to = columnName(name, "to", options.options().get("to"));
            if (from.equals(to)) {
                throw new IllegalArgumentException(name + ": from and to are the same column (" + from + ")");
            }
            out = new ColumnChangeDirective(kind.name(), table, from, to, null, null, null, background, d.line());
        } else {
            String column = columnName(name, "column", options.options().get("column"));
            String type = sql(name, "type", options.options().get("type"));
            String using = options.options().containsKey("using") ? sql(name, "using", options.options().get("using")) : null;
            String inverse = options.options().containsKey("inverse") ? sql(name, "inverse", options.options().get("inverse")) : null;
            out = new ColumnChangeDirective(kind.name(), table, column, null, type, using, inverse, background, d.line());
        }
        out.operation(Operations.forServer(15)); // the operation's own checks (fragments, names), before anything runs
        return out;
    }

    /**
     * The column directives of {@code script}, wherever they are written (before, between or after statements): a valid
     * migration has exactly one and no statement ({@link #of}).
     */
    public static List<Directive> find(SqlScript script) {
        return script.allDirectives().stream().filter(ColumnChangeDirective::isColumnChange).toList();
    }

    /**
     * The operation {@code script} declares: present when the script has no statement and exactly one valid column
     * directive. Anything else is empty here and a problem for {@code dev.zdm.core.lint.DirectiveProblems} (lint ZDM144,
     * refused at migrate before anything is applied).
     */
    public static Optional<ColumnChangeDirective> of(SqlScript script) {
        if (!script.statements().isEmpty()) {
            return Optional.empty();
        }
        List<Directive> found = find(script);
        if (found.size() != 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(found.get(0)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The operation, built for the server ({@code operations}). */
    public Operation operation(Operations operations) {
        return rename() ? operations.renameColumn(table, from, to, background)
                : operations.changeType(table, from, type, using, inverse, background);
    }

    /** The column the application reads after the contract. */
    public String finalColumn() {
        return rename() ? to : from;
    }

    /** The directive as it could be written: {@code -- zdm:rename-column table=users from=name to=full_name}. */
    public String describe() {
        StringBuilder out = new StringBuilder("-- zdm:").append(kind).append(" table=").append(value(table.toString()));
        if (rename()) {
            out.append(" from=").append(value(from)).append(" to=").append(value(to));
        } else {
            out.append(" column=").append(value(from)).append(" type=").append(value(type));
            if (using != null) {
                out.append(" using=").append(value(using));
            }
            if (inverse != null) {
                out.append(" inverse=").append(value(inverse));
            }
        }
        return out.append(background ? " background" : "").toString();
    }

    /** The spec as stored in {@code zdm_phase_state.detail} (strings and a boolean: JSON as it is). */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", kind);
        if (table.schema() != null) {
            out.put("schema", table.schema());
        }
        out.put("table", table.name());
        out.put(rename() ? "from" : "column", from);
        putIfSet(out, "to", to);
        putIfSet(out, "type", type);
        putIfSet(out, "using", using);
        putIfSet(out, "inverse", inverse);
        out.put(BACKGROUND, background);
        return out;
    }

    /** The spec {@link #toMap()} stored. */
    public static ColumnChangeDirective fromMap(Map<?, ?> map) {
        String kind = string(map, "kind");
        if (!Directives.RENAME_COLUMN.name().equals(kind) && !Directives.CHANGE_TYPE.name().equals(kind)) {
            throw new IllegalArgumentException("not a stored column directive: " + map);
        }
        boolean rename = Directives.RENAME_COLUMN.name().equals(kind);
        QualifiedName table = new QualifiedName(string(map, "schema"), string(map, "table"));
        return new ColumnChangeDirective(kind, table, string(map, rename ? "from" : "column"), string(map, "to"), string(map, "type"),
                string(map, "using"), string(map, "inverse"), Boolean.TRUE.equals(map.get(BACKGROUND)), 0);
    }

    private static void putIfSet(Map<String, Object> out, String key, String value) {
        if (value != null) {
            out.put(key, value);
        }
    }

    private static String string(Map<?, ?> map, String key) {
        Object v = map.get(key);
        return v == null ? null : v.toString();
    }

    private static String value(String v) {
        return v.chars().anyMatch(Character::isWhitespace) || v.contains("\"") || v.contains("'")
                ? "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : v;
    }

    /** {@code users}, {@code app.users}, {@code "Users"}: unquoted parts fold to lower case as in SQL. */
    private static QualifiedName tableName(String directive, String written) {
        List<String> parts = nameParts(directive, "table", written);
        if (parts.size() > 2) {
            throw new IllegalArgumentException(directive + ": table=" + written + " has more than schema.table");
        }
        return parts.size() == 1 ? QualifiedName.of(parts.get(0)) : new QualifiedName(parts.get(0), parts.get(1));
    }

    private static String columnName(String directive, String option, String written) {
        List<String> parts = nameParts(directive, option, written);
        if (parts.size() != 1) {
            throw new IllegalArgumentException(directive + ": " + option + "=" + written + " is not one column name");
        }
        return parts.get(0);
    }

    private static List<String> nameParts(String directive, String option, String written) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i <= written.length()) {
            if (i < written.length() && written.charAt(i) == '"') {
                int end = i + 1;
                while (end < written.length() && (written.charAt(end) != '"' || end + 1 < written.length() && written.charAt(end + 1) == '"')) {
                    end += written.charAt(end) == '"' ? 2 : 1;
                }
                if (end >= written.length()) {
                    throw new IllegalArgumentException(directive + ": " + option + "=" + written + " opens a quoted name that is never closed");
                }
                parts.add(Identifiers.unquote(written.substring(i, end + 1)));
                i = end + 1;
            } else {
                int dot = written.indexOf('.', i);
                int end = dot < 0 ? written.length() : dot;
                String part = written.substring(i, end);
                if (part.isEmpty() || part.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == ';' || c == '(' || c == ')')) {
                    throw new IllegalArgumentException(directive + ": " + option + "=" + written + " is not a name (schema.table, or a"
                            + " \"Quoted\" part)");
                }
                parts.add(Identifiers.fold(part));
                i = end;
            }
            if (i >= written.length()) {
                break;
            }
            if (written.charAt(i) != '.') {
                throw new IllegalArgumentException(directive + ": " + option + "=" + written + " is not a name (schema.table)");
            }
            i++;
            if (i == written.length()) {
                throw new IllegalArgumentException(directive + ": " + option + "=" + written + " ends with a dot");
            }
        }
        return parts;
    }

    private static String sql(String directive, String option, String written) {
        Optional<String> problem = FragmentCheck.problem(written);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(directive + ": " + option + "=" + written + " " + problem.get()
                    + "; give one SQL expression (or type), without ';' or a trailing comment");
        }
        return written.strip();
    }
}
