package dev.zdm.core.sql;

import java.util.Objects;

/**
 * A table, index, view, type or other schema object as a statement names it: the schema when written
 * ({@code null} otherwise), and the name folded as PostgreSQL folds it (unquoted names in lower case).
 */
public record RelationName(String schema, String name) {
    public RelationName {
        Objects.requireNonNull(name, "name");
    }

    public static RelationName of(String name) {
        return new RelationName(null, name);
    }

    /**
     * True when both name the same object: equal names, and equal schemas where both are written
     * ({@code users} and {@code public.users} are taken to be the same table).
     */
    public boolean sameAs(RelationName other) {
        if (other == null || !name.equals(other.name)) {
            return false;
        }
        return schema == null || other.schema == null || schema.equals(other.schema);
    }

    /** {@code schema.name} as it reads in messages, quoted only where SQL needs it ({@link Identifiers#display}). */
    public String display() {
        return Identifiers.display(schema, name);
    }

    /** Always-quoted SQL form, {@code "schema"."name"}, for SQL that flyway-zdm runs. */
    public String quoted() {
        return Identifiers.qualified(schema, name);
    }

    @Override
    public String toString() {
        return display();
    }
}
