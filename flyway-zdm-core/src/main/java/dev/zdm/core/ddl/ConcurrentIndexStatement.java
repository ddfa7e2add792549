package dev.zdm.core.ddl;

import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.SqlFragment;
import dev.zdm.core.sql.SqlScript;
import dev.zdm.core.sql.SqlStatement;
import dev.zdm.core.sql.SqlToken;
import dev.zdm.core.sql.StatementDetail;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One concurrent index statement of a SQL migration, recognised from its text: {@code CREATE [UNIQUE] INDEX
 * CONCURRENTLY [IF NOT EXISTS] [name] ON [ONLY] table ...}, {@code DROP INDEX CONCURRENTLY [IF EXISTS] name [, ...]}
 * or {@code REINDEX [(options)] INDEX|TABLE|SCHEMA|DATABASE [CONCURRENTLY] name}. Hand it to
 * {@link SafeDdl#execute(ConcurrentIndexStatement)} to run it with invalid-index recovery, waiting reports and the
 * partitioned-table path.
 *
 * <p>The statement is read by the project's SQL analyzer ({@link SqlScript}, {@link StatementDetail}): this class has
 * no parser of its own. It takes what the executor needs (names, table, flags) from the analyzer's statement detail
 * and keeps the index definition after the table name as written.
 */
public final class ConcurrentIndexStatement {

    public enum Kind { CREATE_INDEX, DROP_INDEX, REINDEX }

    /** What a REINDEX rebuilds. */
    public enum ReindexTarget { INDEX, TABLE, SCHEMA, DATABASE }

    private final Kind kind;
    private final String sql;
    private final boolean unique;
    private final boolean ifNotExists;
    private final boolean ifExists;
    private final boolean only;
    private final String indexName;
    private final QualifiedName table;
    private final String definition;
    private final List<QualifiedName> dropped;
    private final ReindexTarget reindexTarget;
    private final QualifiedName reindexed;

    private ConcurrentIndexStatement(Kind kind, String sql, boolean unique, boolean ifNotExists, boolean ifExists, boolean only,
                                     String indexName, QualifiedName table, String definition, List<QualifiedName> dropped,
                                     ReindexTarget reindexTarget, QualifiedName reindexed) {
        this.kind = kind;
        this.sql = sql;
        this.unique = unique;
        this.ifNotExists = ifNotExists;
        this.ifExists = ifExists;
        this.only = only;
        this.indexName = indexName;
        this.table = table;
        this.definition = definition;
        this.dropped = dropped;
        this.reindexTarget = reindexTarget;
        this.reindexed = reindexed;
    }

    /**
     * The statement, if {@code sql} is one concurrent index statement (a trailing semicolon and comments are fine);
     * empty for anything else, including statements the analyzer cannot read with certainty (for example
     * {@code U&"..."} identifiers or placeholders in names), which should then run as written.
     */
    public static Optional<ConcurrentIndexStatement> parse(String sql) {
        SqlFragment fragment = SqlFragment.lex(Objects.requireNonNull(sql, "sql"));
        List<SqlToken> tokens = fragment.tokens();
        if (fragment.problem().isPresent() || tokens.stream().anyMatch(SqlToken::isUnicodeEscaped)) {
            return Optional.empty(); // PostgreSQL would refuse it, or U&"..." text that is not decoded here
        }
        int end = tokens.size();
        if (end > 0 && tokens.get(end - 1).isSymbol(';')) {
            end--;
        }
        if (end == 0 || tokens.subList(0, end).stream().anyMatch(t -> t.isSymbol(';'))) {
            return Optional.empty(); // no statement, or more than one
        }
        SqlStatement statement = SqlScript.parse("statement", sql).statements().get(0);
        StatementDetail detail = statement.model().detail();
        if (detail instanceof StatementDetail.CreateIndex create) {
            return fromCreate(statement.sql(), create);
        }
        if (detail instanceof StatementDetail.Drop drop) {
            return fromDrop(statement.sql(), drop);
        }
        if (detail instanceof StatementDetail.Reindex reindex) {
            return fromReindex(statement.sql(), reindex);
        }
        return Optional.empty();
    }

    private static Optional<ConcurrentIndexStatement> fromCreate(String sql, StatementDetail.CreateIndex create) {
        if (!create.concurrently() || !create.exact()) {
            return Optional.empty();
        }
        String indexName = create.index() == null ? null : create.index().name();
        return Optional.of(new ConcurrentIndexStatement(Kind.CREATE_INDEX, sql, create.unique(), create.ifNotExists(), false,
                create.only(), indexName, name(create.table()), create.definition(), List.of(), null, null));
    }

    private static Optional<ConcurrentIndexStatement> fromDrop(String sql, StatementDetail.Drop drop) {
        // CASCADE is refused by PostgreSQL with CONCURRENTLY: left to it
        if (!drop.objectType().equals("INDEX") || !drop.concurrently() || drop.cascade() || !drop.exact()) {
            return Optional.empty();
        }
        List<QualifiedName> dropped = drop.names().stream().map(ConcurrentIndexStatement::name).toList();
        return Optional.of(new ConcurrentIndexStatement(Kind.DROP_INDEX, sql, false, false, drop.ifExists(), false, null, null,
                null, dropped, null, null));
    }

    private static Optional<ConcurrentIndexStatement> fromReindex(String sql, StatementDetail.Reindex reindex) {
        if (!reindex.concurrently() || !reindex.exact() || reindex.target().equals("SYSTEM")) {
            return Optional.empty(); // REINDEX SYSTEM cannot run concurrently: left to PostgreSQL
        }
        ReindexTarget target = ReindexTarget.valueOf(reindex.target());
        QualifiedName name = reindex.name() == null ? null : name(reindex.name());
        return Optional.of(new ConcurrentIndexStatement(Kind.REINDEX, sql, false, false, false, false, null,
                target == ReindexTarget.TABLE ? name : null, null, List.of(), target, name));
    }

    /** The analyzer's name, folded as PostgreSQL folds it, as the catalog stores it. */
    private static QualifiedName name(RelationName relation) {
        return new QualifiedName(relation.schema(), relation.name());
    }

    public Kind kind() {
        return kind;
    }

    /** The statement as written, without the trailing semicolon and surrounding comments. */
    public String sql() {
        return sql;
    }

    /** CREATE UNIQUE INDEX. */
    public boolean unique() {
        return unique;
    }

    /** CREATE INDEX ... IF NOT EXISTS. */
    public boolean ifNotExists() {
        return ifNotExists;
    }

    /** DROP INDEX ... IF EXISTS. */
    public boolean ifExists() {
        return ifExists;
    }

    /** CREATE INDEX ... ON ONLY table. */
    public boolean only() {
        return only;
    }

    /** The name of the index to create (never schema-qualified in PostgreSQL), or null when the statement has none. */
    public String indexName() {
        return indexName;
    }

    /** CREATE INDEX: the table; REINDEX TABLE: the table; otherwise null. */
    public QualifiedName table() {
        return table;
    }

    /** CREATE INDEX: everything after the table name as written ({@code USING gin (tags) WHERE ...}). */
    public String definition() {
        return definition;
    }

    /** DROP INDEX: the indexes to drop. */
    public List<QualifiedName> droppedIndexes() {
        return dropped;
    }

    /** REINDEX: what it rebuilds. */
    public ReindexTarget reindexTarget() {
        return reindexTarget;
    }

    /** REINDEX: the index, table, schema or database named (null for REINDEX DATABASE without a name). */
    public QualifiedName reindexed() {
        return reindexed;
    }

    /**
     * The statement as a re-run of a migration that an earlier run left half-applied executes it: a DROP INDEX that
     * may already have dropped its index behind an unrecorded crash tolerates its absence ({@code IF EXISTS}). A CREATE
     * INDEX needs nothing: an existing valid index with the same definition counts as done anyway.
     */
    public ConcurrentIndexStatement asRerun() {
        if (kind != Kind.DROP_INDEX || ifExists) {
            return this;
        }
        return new ConcurrentIndexStatement(kind, sql, unique, ifNotExists, true, only, indexName, table, definition, dropped,
                reindexTarget, reindexed);
    }

    @Override
    public String toString() {
        return sql;
    }
}
