package dev.zdm.core.ddl;


/**
 * An index to build, as the operations need it: where, what name, and the definition after the table name
 * ({@code USING btree ("email") WHERE ...}) which is the same for a table, a partitioned parent and each partition.
 *
 * @param table       the table, as given (resolved through the search_path when unqualified)
 * @param name        the index name, or null to let PostgreSQL choose one
 * @param unique      a unique index
 * @param ifNotExists an existing valid index of that name is fine (an invalid one is rebuilt either way)
 * @param definition  everything after {@code ON table}
 */
record IndexSpec(QualifiedName table, String name, boolean unique, boolean ifNotExists, String definition) {

    IndexSpec on(QualifiedName otherTable, String otherName) {
        return new IndexSpec(otherTable, otherName, unique, ifNotExists, definition);
    }

    IndexSpec withIfNotExists() {
        return new IndexSpec(table, name, unique, true, definition);
    }

    /** {@code CREATE [UNIQUE] INDEX CONCURRENTLY [IF NOT EXISTS] "name" ON "schema"."table" definition}. */
    String createConcurrently(QualifiedName resolvedTable) {
        return createConcurrently(SqlStyle.QUOTED, resolvedTable);
    }

    /** The same statement with the index and table names written in {@code style} (the definition is SQL as given). */
    String createConcurrently(SqlStyle style, QualifiedName resolvedTable) {
        return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX CONCURRENTLY " + (ifNotExists ? "IF NOT EXISTS " : "")
                + (name == null ? "" : style.id(name) + " ") + "ON " + style.table(resolvedTable) + " " + definition;
    }

    /** {@code CREATE [UNIQUE] INDEX IF NOT EXISTS "name" ON ONLY "schema"."parent" definition}: the invalid parent index. */
    String createOnOnly(QualifiedName resolvedTable) {
        return createOnOnly(SqlStyle.QUOTED, resolvedTable);
    }

    String createOnOnly(SqlStyle style, QualifiedName resolvedTable) {
        return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX IF NOT EXISTS " + style.id(name) + " ON ONLY "
                + style.table(resolvedTable) + " " + definition;
    }
}
