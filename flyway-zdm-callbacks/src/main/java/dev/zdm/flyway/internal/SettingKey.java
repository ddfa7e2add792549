package dev.zdm.flyway.internal;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Locale;

/**
 * One {@code flyway.zdm.*} key: its dotted path below {@code flyway.zdm.}, how to read it, and the
 * fields that lead to its value in a {@link SettingsDeclaration} class.
 */
public record SettingKey(String path, Setting setting, List<Field> fieldPath) {

    public String fullName() {
        return "flyway.zdm." + path;
    }

    /** {@code lint.failOn} -> {@code FLYWAY_ZDM_LINT_FAIL_ON}. */
    public String environmentVariable() {
        return "FLYWAY_ZDM_" + path.replace(".", "_").replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /** The value set on the extension, or null. */
    Object rawValue(Object extension) {
        Object current = extension;
        for (Field field : fieldPath) {
            if (current == null) {
                return null;
            }
            try {
                current = field.get(current);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read setting " + fullName(), e);
            }
        }
        return current;
    }

    /** The first sentence of the doc, for lists of keys. */
    public String summary() {
        String doc = setting.doc();
        int end = doc.indexOf(". ");
        return end < 0 ? doc : doc.substring(0, end + 1);
    }

    /**
     * Which values are accepted, for error messages: {@code a duration from 1ms to 10m (0 is refused: ...)}.
     */
    public String allowed() {
        String range = switch (setting.kind()) {
            case BOOLEAN -> "true or false";
            case CHOICE -> String.join(", ", setting.choices());
            case TEXT -> setting.values().isEmpty() ? "text" : setting.values().replace("`", "");
            case COUNT -> "a whole number from " + (setting.zeroAllowed() ? "0" : "1")
                    + (setting.max().isEmpty() ? " up" : " to " + setting.max());
            case DURATION -> "a duration such as 500ms, 2s, 5m or 1h, from " + (setting.zeroAllowed() ? "0" : "1ms")
                    + (setting.max().isEmpty() ? " up" : " to " + setting.max());
        };
        String zero = setting.zero().isEmpty() ? "" : setting.zeroAllowed() ? "; 0: " + setting.zero() : "; 0 is " + setting.zero();
        String def = setting.defaultValue().isEmpty() ? "; unset by default" : "; default " + setting.defaultValue();
        return range + zero.replace("`", "") + def;
    }

    /** One line for the settings table and for "valid keys" lists. */
    public String describe() {
        String kind = switch (setting.kind()) {
            case BOOLEAN -> "true|false";
            case COUNT -> "number";
            case DURATION -> "duration";
            case CHOICE -> String.join("|", setting.choices());
            case TEXT -> "text";
        };
        String def = setting.defaultValue().isEmpty() ? "" : ", default " + setting.defaultValue();
        return fullName() + " (" + kind + def + ")";
    }
}
