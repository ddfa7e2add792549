package dev.zdm.core.sql;

/**
 * A column of CREATE TABLE or ALTER TABLE ... ADD COLUMN.
 *
 * @param name            the column name, folded
 * @param type            its type, or null when it could not be read
 * @param defaultSql      the DEFAULT expression as written, or null
 * @param notNull         declared NOT NULL (or PRIMARY KEY)
 * @param primaryKey      inline PRIMARY KEY
 * @param unique          inline UNIQUE
 * @param identity        GENERATED ... AS IDENTITY
 * @param generatedStored GENERATED ALWAYS AS (...) STORED
 * @param references      the table of an inline REFERENCES, or null
 * @param check           has an inline CHECK
 * @param checkExpression the inline CHECK's expression as written (without its parentheses), or null
 */
public record ColumnDefinition(String name, TypeName type, String defaultSql, boolean notNull, boolean primaryKey,
                               boolean unique, boolean identity, boolean generatedStored, RelationName references,
                               boolean check, String checkExpression) {
}
