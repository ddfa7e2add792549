package dev.zdm.core.ddl;

import dev.zdm.core.sql.Identifiers;
import java.util.Objects;

/**
 * A table, index or constraint name with its optional schema, exactly as stored in the catalog (no case
 * folding: {@code Users} and {@code users} are different names). Always written to SQL quoted.
 *
 * @param schema the schema, or null to resolve the name through the session's {@code search_path}
 * @param name   the object name
 */
public record QualifiedName(String schema, String name) {

    public QualifiedName {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty name");
        }
        if (schema != null && schema.isEmpty()) {
            schema = null;
        }
    }

    /** A name without schema. */
    public static QualifiedName of(String name) {
        return new QualifiedName(null, name);
    }

    /**
     * {@code "users"} or {@code "app.users"}: a name as a Java caller writes it, split at the one dot between
     * schema and name. Names are taken literally (no case folding, no quote removal).
     */
    public static QualifiedName parse(String dotted) {
        Objects.requireNonNull(dotted, "name");
        int dot = dotted.indexOf('.');
        if (dot < 0) {
            return of(dotted);
        }
        if (dotted.indexOf('.', dot + 1) >= 0) {
            throw new IllegalArgumentException("expected a name or schema.name, got '" + dotted
                    + "'; for names containing dots pass the schema separately");
        }
        return new QualifiedName(dotted.substring(0, dot), dotted.substring(dot + 1));
    }

    /** The same name in {@code schema} (when this one has none). */
    public QualifiedName inSchema(String defaultSchema) {
        return schema != null ? this : new QualifiedName(defaultSchema, name);
    }

    /** {@code "app"."users"} or {@code "users"}. */
    public String quoted() {
        return Identifiers.qualified(schema, name);
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
