package dev.zdm.core.sql;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code -- zdm:<name> <arguments>} comment (or {@code /* zdm:<name> ... *}{@code /}) attached to the
 * statement it precedes, or to the statement it follows on the same line. Examples:
 * <pre>
 * -- zdm:ignore ZDM101 the table has 20 rows
 * -- zdm:batched key=id size=5000
 * -- zdm:concurrent
 * -- zdm:phase=contract     (name phase, arguments "=contract")
 * </pre>
 *
 * @param name      the word after {@code zdm:}, lower case ({@code ignore}, {@code batched}, {@code concurrent})
 * @param arguments the rest of the comment, trimmed
 * @param line      1-based line of the comment in its file
 */
public record Directive(String name, String arguments, int line) {
    /**
     * {@code zdm:} in any case, the name, then white space, {@code =} (its value: {@code zdm:phase=contract}), the end of
     * a block comment, or nothing.
     */
    private static final Pattern DIRECTIVE = Pattern.compile("^(?:--|/\\*)\\s*zdm:([A-Za-z][A-Za-z0-9_-]*)(?=\\s|=|\\*/|$)(.*?)(?:\\*/)?\\s*$",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern PARAM = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\\S+)");
    private static final Pattern RULE_ID = Pattern.compile("[A-Za-z]+[0-9]+");

    /** The directive a comment spells, if it spells one. */
    public static Optional<Directive> parse(String comment, int line) {
        Matcher m = DIRECTIVE.matcher(comment.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Directive(m.group(1).toLowerCase(Locale.ROOT), m.group(2).strip(), line));
    }

    public boolean is(String directiveName) {
        return name.equalsIgnoreCase(directiveName);
    }

    /** The whitespace-separated words of the arguments. */
    public List<String> words() {
        return arguments.isEmpty() ? List.of() : Arrays.asList(arguments.split("\\s+"));
    }

    /** The {@code key=value} arguments, in order ({@code zdm:batched key=id size=5000}). */
    public Map<String, String> params() {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(arguments);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    /**
     * For {@code zdm:ignore}: the rule ids at the start of the arguments ({@code ZDM101,ZDM102} or
     * {@code ZDM101 ZDM102}), upper case.
     */
    public List<String> ruleIds() {
        String[] parts = arguments.split("[\\s,]+");
        int count = 0;
        while (count < parts.length && RULE_ID.matcher(parts[count]).matches()) {
            count++;
        }
        return Arrays.stream(parts, 0, count).map(p -> p.toUpperCase(Locale.ROOT)).toList();
    }

    /** For {@code zdm:ignore}: the text after the rule ids, the reason a reviewer reads. */
    public String reason() {
        String rest = arguments;
        for (String id : ruleIds()) {
            int at = rest.toUpperCase(Locale.ROOT).indexOf(id);
            rest = rest.substring(at + id.length());
        }
        return rest.replaceFirst("^[\\s,:-]+", "").strip();
    }
}
