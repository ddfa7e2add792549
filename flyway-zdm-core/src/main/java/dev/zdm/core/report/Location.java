package dev.zdm.core.report;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.zdm.core.lint.Finding;

/**
 * What a finding is about, shared by lint findings, {@code zdm:verify} problems and {@code zdm:checklist} evidence:
 * a line of a migration file ({@code V3__add_index.sql:4}) or a database object ({@code public.orders}, an index, a
 * constraint, a session). In JSON: {@code {"type": "migration", "file", "line", "column"}} or
 * {@code {"type": "object", "kind", "name"}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = Location.MigrationLine.class, name = "migration"),
        @JsonSubTypes.Type(value = Location.DatabaseObject.class, name = "object")})
public sealed interface Location permits Location.MigrationLine, Location.DatabaseObject {
    /** As reports print it: {@code V3__add_index.sql:4:1}, {@code V3__add_index.sql}, {@code public.orders}. */
    String display();

    /**
     * A migration file, or a line (and column) of it.
     *
     * @param file   the migration's file name, {@code V3__add_index.sql}
     * @param line   1-based line, 0 for the file as a whole
     * @param column 1-based column, 0 when not known
     */
    record MigrationLine(String file, int line, int column) implements Location {
        @Override
        public String display() {
            return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "");
        }
    }

    /**
     * A database object.
     *
     * @param kind what it is: {@code table}, {@code index}, {@code constraint}, {@code session}, {@code backfill},
     *             {@code query}, {@code database}, {@code extension}
     * @param name its name as reports print it, schema-qualified where it has a schema ({@code public.orders})
     */
    record DatabaseObject(String kind, String name) implements Location {
        @Override
        public String display() {
            return name;
        }
    }

    /** The migration as a whole. */
    static Location file(String file) {
        return new MigrationLine(file, 0, 0);
    }

    /** A line of a migration. */
    static Location line(String file, int line) {
        return new MigrationLine(file, line, 0);
    }

    /** Where a lint finding is: its statement's file, line and column. */
    static Location of(Finding finding) {
        return new MigrationLine(finding.file(), finding.line(), finding.column());
    }

    /** A database object of that kind. */
    static Location object(String kind, String name) {
        return new DatabaseObject(kind, name);
    }
}
