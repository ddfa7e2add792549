package dev.zdm.flyway.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The catalogue of {@code flyway.zdm.*} keys, read from the {@link Setting} annotations on the fields of a
 * {@link SettingsDeclaration} class (the public {@code ZdmConfigurationExtension}) and its nested groups (a field
 * without {@code @Setting} whose type has {@code @Setting} fields is a group: {@code lint.failOn}). Read once per class.
 */
public final class SettingKeys {
    private static final ClassValue<SettingKeys> BY_CLASS = new ClassValue<>() {
        @Override
        protected SettingKeys computeValue(Class<?> type) {
            return new SettingKeys(Collections.unmodifiableList(scan(type, "", List.of())));
        }
    };

    private final List<SettingKey> all;

    private SettingKeys(List<SettingKey> all) {
        this.all = all;
    }

    /** The keys declared by {@code declaration} (a {@link SettingsDeclaration} class). */
    public static SettingKeys of(Class<?> declaration) {
        return BY_CLASS.get(declaration);
    }

    public List<SettingKey> all() {
        return all;
    }

    public Optional<SettingKey> byPath(String path) {
        return all.stream().filter(k -> k.path().equals(path)).findFirst();
    }

    /**
     * Maps {@code FLYWAY_ZDM_LOCK_TIMEOUT} to {@code flyway.zdm.lockTimeout}. An unknown {@code FLYWAY_ZDM_*}
     * variable still maps to a key (its camel-case reading) so that it is reported as unknown instead of
     * being ignored; other variables are not ours (null).
     */
    public String fromEnvironmentVariable(String variable) {
        if (variable == null || !variable.startsWith("FLYWAY_ZDM_")) {
            return null;
        }
        for (SettingKey key : all) {
            if (key.environmentVariable().equals(variable)) {
                return key.fullName();
            }
        }
        return "flyway.zdm." + camelCase(variable.substring("FLYWAY_ZDM_".length()));
    }

    private static String camelCase(String upperSnake) {
        StringBuilder out = new StringBuilder();
        boolean upperNext = false;
        for (char c : upperSnake.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upperNext = out.length() > 0;
            } else {
                out.append(upperNext ? Character.toUpperCase(c) : c);
                upperNext = false;
            }
        }
        return out.toString();
    }

    private static List<SettingKey> scan(Class<?> type, String prefix, List<Field> parents) {
        List<SettingKey> keys = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            List<Field> path = new ArrayList<>(parents);
            path.add(field);
            Setting setting = field.getAnnotation(Setting.class);
            if (setting != null) {
                field.setAccessible(true);
                keys.add(new SettingKey(prefix + field.getName(), setting, List.copyOf(path)));
            } else if (isGroup(field.getType())) {
                field.setAccessible(true);
                keys.addAll(scan(field.getType(), prefix + field.getName() + ".", path));
            }
        }
        return keys;
    }

    private static boolean isGroup(Class<?> type) {
        for (Field f : type.getDeclaredFields()) {
            if (f.isAnnotationPresent(Setting.class)) {
                return true;
            }
        }
        return false;
    }
}
