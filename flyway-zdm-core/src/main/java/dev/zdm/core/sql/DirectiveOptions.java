package dev.zdm.core.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of a directive whose values may hold spaces: {@code key=value}, {@code key="a value"} (a {@code \"} inside
 * is a double quote, {@code \\} a backslash), {@code key='a value'} (a {@code \'} inside is a single quote), and bare
 * words ({@code background}). Used by {@code -- zdm:rename-column} and {@code -- zdm:change-type}, whose conversions are
 * SQL expressions: {@code using="amount::numeric / 100"}.
 *
 * @param options the {@code key=value} options in order (a key written twice is in {@link #duplicates()})
 * @param words   the bare words in order
 * @param duplicates the keys written more than once (the last value wins in {@link #options()})
 */
public record DirectiveOptions(Map<String, String> options, List<String> words, List<String> duplicates) {

    /**
     * Reads {@code arguments} (a directive's text after its name).
     *
     * @throws IllegalArgumentException an unterminated quoted value, or {@code =} without a key, with what to write instead
     */
    public static DirectiveOptions parse(String arguments) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> words = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        String s = arguments == null ? "" : arguments;
        int i = 0;
        int n = s.length();
        while (i < n) {
            if (Character.isWhitespace(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '=') {
                i++;
            }
            String key = s.substring(start, i);
            if (i >= n || s.charAt(i) != '=') {
                words.add(key);
                continue;
            }
            if (key.isEmpty()) {
                throw new IllegalArgumentException("'=' without an option name before it at offset " + start
                        + "; write name=value with no space around =");
            }
            i++; // '='
            StringBuilder value = new StringBuilder();
            if (i < n && (s.charAt(i) == '"' || s.charAt(i) == '\'')) {
                char quote = s.charAt(i);
                int open = i;
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = s.charAt(i);
                    if (c == '\\' && i + 1 < n && (s.charAt(i + 1) == quote || s.charAt(i + 1) == '\\')) {
                        value.append(s.charAt(i + 1));
                        i += 2;
                    } else if (c == quote) {
                        closed = true;
                        i++;
                        break;
                    } else {
                        value.append(c);
                        i++;
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("the value of " + key + " opens a quote (" + quote + ") at offset " + open
                            + " that is never closed; end it with " + quote + " (write \\" + quote + " for a " + quote + " inside)");
                }
                if (i < n && !Character.isWhitespace(s.charAt(i))) {
                    throw new IllegalArgumentException("the quoted value of " + key + " is followed by '" + s.charAt(i)
                            + "' without a space; put a space between options");
                }
            } else {
                while (i < n && !Character.isWhitespace(s.charAt(i))) {
                    value.append(s.charAt(i));
                    i++;
                }
            }
            if (options.containsKey(key) && !duplicates.contains(key)) {
                duplicates.add(key);
            }
            options.put(key, value.toString());
        }
        return new DirectiveOptions(java.util.Collections.unmodifiableMap(options), List.copyOf(words), List.copyOf(duplicates));
    }
}
