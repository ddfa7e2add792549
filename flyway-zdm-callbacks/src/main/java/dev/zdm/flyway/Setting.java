package dev.zdm.flyway;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a {@code flyway.zdm.*} setting on a field of {@link ZdmConfigurationExtension} (or of one of its
 * nested groups). The field name is the key; the annotation says how to read the value and what it is for.
 * Values are kept as strings and parsed by flyway-zdm, so that a mistyped value is reported by name
 * instead of being dropped silently by Flyway's binding.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Setting {

    /** How the value is read. */
    enum Kind {
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** A whole number, at least 0. */
        COUNT,
        /** A duration: {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}; a bare number is milliseconds. */
        DURATION,
        /** One of the words listed in {@link #choices()}. */
        CHOICE,
        /** Free text. */
        TEXT
    }

    Kind kind();

    /** The value used when the key is not set, as the user would write it; empty for "none". */
    String defaultValue() default "";

    /** For {@link Kind#CHOICE}: the allowed words. */
    String[] choices() default {};

    /** One sentence for the settings table in the docs and for error messages. */
    String doc();
}
