package dev.zdm.flyway.internal;

import dev.zdm.flyway.Setting;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Locale;

/**
 * One {@code flyway.zdm.*} key: its dotted path below {@code flyway.zdm.}, how to read it, and the
 * fields that lead to its value in a {@link dev.zdm.flyway.ZdmConfigurationExtension}.
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
