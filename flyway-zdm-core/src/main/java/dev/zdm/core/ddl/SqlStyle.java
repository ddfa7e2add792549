package dev.zdm.core.ddl;

import dev.zdm.core.sql.Identifiers;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How a step writes names into its SQL: always quoted when flyway-zdm runs it, as a user would write them
 * ({@link Identifiers#display}) when a lint fix prints it. The statement is the same either way.
 */
public enum SqlStyle {
    QUOTED,
    DISPLAY;

    String id(String identifier) {
        return this == QUOTED ? Identifiers.quote(identifier) : Identifiers.display(identifier);
    }

    String ids(List<String> identifiers) {
        return identifiers.stream().map(this::id).collect(Collectors.joining(", "));
    }

    String table(QualifiedName name) {
        return this == QUOTED ? name.quoted() : Identifiers.display(name.schema(), name.name());
    }
}
