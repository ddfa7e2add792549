package dev.zdm.flyway.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a {@code flyway.zdm.*} setting on a field of {@link SettingsDeclaration} class (or of one of its nested groups).
 * The field name is the key; the annotation says how to read the value, which values are allowed and what it is
 * for. Values are kept as strings and parsed by {@link ZdmSettings}, so that a mistyped value is reported by name
 * instead of being dropped silently by Flyway's binding. docs/configuration.md is generated from these annotations.
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

    /** For {@link Kind#COUNT} and {@link Kind#DURATION}: whether 0 is accepted. */
    boolean zeroAllowed() default false;

    /**
     * For {@link Kind#COUNT} and {@link Kind#DURATION} (required there): what 0 means when {@link #zeroAllowed()},
     * else why 0 is refused. Shown in the docs and in the error for a refused 0.
     */
    String zero() default "";

    /**
     * For {@link Kind#COUNT} and {@link Kind#DURATION}: the largest value accepted, written as a user would
     * ({@code 10m}, {@code 1000}); empty for no limit. A larger value is refused as a likely mistake.
     */
    String max() default "";

    /** What the values look like, for the docs table when the kind alone does not say it ({@code RULE:LEVEL,...}). */
    String values() default "";

    /** What the setting is for: the docs table and error messages (the first sentence in lists of keys). */
    String doc();
}
