package dev.zdm.core.ddl;

import dev.zdm.core.sql.SqlFragment;
import dev.zdm.core.sql.SqlToken;
import dev.zdm.core.sql.TokenType;
import java.util.ArrayList;
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
 * <p>The statement is read with the project's SQL lexer ({@link SqlFragment}); this class reads only its head,
 * what the executor needs (names, table, flags), and keeps the index definition after the table name as written.
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
     * empty for anything else, including statements this minimal parser cannot read with certainty (for example
     * {@code U&"..."} identifiers), which should then run as written.
     */
    public static Optional<ConcurrentIndexStatement> parse(String sql) {
        SqlFragment fragment = SqlFragment.lex(Objects.requireNonNull(sql, "sql"));
        List<SqlToken> tokens = fragment.tokens();
        if (fragment.problem().isPresent() || tokens.stream().anyMatch(SqlToken::isUnicodeEscaped)) {
            return Optional.empty(); // PostgreSQL would refuse it, or U&"..." names this reader does not decode
        }
        int end = tokens.size();
        if (end > 0 && tokens.get(end - 1).isSymbol(';')) {
            end--;
        }
        for (int i = 0; i < end; i++) {
            if (tokens.get(i).isSymbol(';')) {
                return Optional.empty(); // more than one statement
            }
        }
        if (end == 0) {
            return Optional.empty();
        }
        String text = fragment.text(tokens.get(0), tokens.get(end - 1));
        Cursor c = new Cursor(fragment, tokens.subList(0, end), text);
        if (c.word("create")) {
            return c.create();
        }
        if (c.word("drop")) {
            return c.drop();
        }
        if (c.word("reindex")) {
            return c.reindex();
        }
        return Optional.empty();
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

    // ---------------------------------------------------------------- parsing

    /** Walks the tokens of one statement. */
    private static final class Cursor {
        private final SqlFragment fragment;
        private final List<SqlToken> tokens;
        private final String text;
        private int pos;

        Cursor(SqlFragment fragment, List<SqlToken> tokens, String text) {
            this.fragment = fragment;
            this.tokens = tokens;
            this.text = text;
        }

        Optional<ConcurrentIndexStatement> create() {
            boolean unique = word("unique");
            if (!word("index") || !word("concurrently")) {
                return Optional.empty();
            }
            boolean ifNotExists = words("if", "not", "exists");
            String name = null;
            if (!peekWord("on")) {
                name = identifier();
                if (name == null) {
                    return Optional.empty();
                }
            } else if (ifNotExists) {
                return Optional.empty(); // IF NOT EXISTS needs a name
            }
            if (!word("on")) {
                return Optional.empty();
            }
            boolean only = word("only");
            QualifiedName table = qualifiedName();
            if (table == null || pos >= tokens.size()) {
                return Optional.empty();
            }
            SqlToken next = tokens.get(pos);
            if (!next.isSymbol('(') && !next.isWord("using")) {
                return Optional.empty();
            }
            String definition = fragment.text(next, tokens.get(tokens.size() - 1)).trim();
            return Optional.of(new ConcurrentIndexStatement(Kind.CREATE_INDEX, text, unique, ifNotExists, false, only, name, table,
                    definition, List.of(), null, null));
        }

        Optional<ConcurrentIndexStatement> drop() {
            if (!word("index") || !word("concurrently")) {
                return Optional.empty();
            }
            boolean ifExists = words("if", "exists");
            List<QualifiedName> names = new ArrayList<>();
            do {
                QualifiedName n = qualifiedName();
                if (n == null) {
                    return Optional.empty();
                }
                names.add(n);
            } while (symbol(','));
            word("restrict");
            if (pos != tokens.size()) {
                return Optional.empty(); // CASCADE (refused by PostgreSQL with CONCURRENTLY) or something unknown
            }
            return Optional.of(new ConcurrentIndexStatement(Kind.DROP_INDEX, text, false, false, ifExists, false, null, null, null,
                    List.copyOf(names), null, null));
        }

        Optional<ConcurrentIndexStatement> reindex() {
            boolean concurrently = false;
            if (symbol('(')) {
                int depth = 1;
                boolean afterConcurrently = false;
                while (pos < tokens.size() && depth > 0) {
                    SqlToken t = tokens.get(pos++);
                    if (t.isSymbol('(')) {
                        depth++;
                    } else if (t.isSymbol(')')) {
                        depth--;
                    }
                    if (afterConcurrently && !t.isSymbol(',') && !t.isSymbol(')')) {
                        concurrently = !(t.isWord("false") || t.isWord("off") || t.text().equals("0"));
                    } else if (t.isWord("concurrently")) {
                        concurrently = true;
                    }
                    afterConcurrently = t.isWord("concurrently");
                }
                if (depth != 0) {
                    return Optional.empty();
                }
            }
            ReindexTarget target;
            if (word("index")) {
                target = ReindexTarget.INDEX;
            } else if (word("table")) {
                target = ReindexTarget.TABLE;
            } else if (word("schema")) {
                target = ReindexTarget.SCHEMA;
            } else if (word("database")) {
                target = ReindexTarget.DATABASE;
            } else {
                return Optional.empty();
            }
            concurrently |= word("concurrently");
            if (!concurrently) {
                return Optional.empty();
            }
            QualifiedName name = null;
            if (target == ReindexTarget.INDEX || target == ReindexTarget.TABLE) {
                name = qualifiedName();
                if (name == null) {
                    return Optional.empty();
                }
            } else if (pos < tokens.size()) {
                String database = identifier();
                if (database == null) {
                    return Optional.empty();
                }
                name = QualifiedName.of(database);
            }
            if (pos != tokens.size()) {
                return Optional.empty();
            }
            return Optional.of(new ConcurrentIndexStatement(Kind.REINDEX, text, false, false, false, false, null,
                    target == ReindexTarget.TABLE ? name : null, null, List.of(), target, name));
        }

        /** {@code name}, {@code schema.name} or {@code database.schema.name} (the database part is dropped). */
        QualifiedName qualifiedName() {
            List<String> parts = new ArrayList<>();
            do {
                String part = identifier();
                if (part == null) {
                    return null;
                }
                parts.add(part);
            } while (parts.size() < 3 && symbol('.'));
            int n = parts.size();
            return n == 1 ? QualifiedName.of(parts.get(0)) : new QualifiedName(parts.get(n - 2), parts.get(n - 1));
        }

        /** A quoted name, or a word that is not one of the RESERVED key words; folded. Null otherwise. */
        String identifier() {
            if (pos >= tokens.size()) {
                return null;
            }
            SqlToken t = tokens.get(pos);
            if (t.type() == TokenType.QUOTED_IDENTIFIER || t.type() == TokenType.WORD && !RESERVED.contains(t.identifier())) {
                pos++;
                return t.identifier();
            }
            return null;
        }

        boolean word(String w) {
            if (peekWord(w)) {
                pos++;
                return true;
            }
            return false;
        }

        boolean peekWord(String w) {
            return pos < tokens.size() && tokens.get(pos).isWord(w);
        }

        boolean words(String... ws) {
            for (int i = 0; i < ws.length; i++) {
                if (pos + i >= tokens.size() || !tokens.get(pos + i).isWord(ws[i])) {
                    return false;
                }
            }
            pos += ws.length;
            return true;
        }

        boolean symbol(char c) {
            if (pos < tokens.size() && tokens.get(pos).isSymbol(c)) {
                pos++;
                return true;
            }
            return false;
        }
    }

    /** Key words that cannot be an unquoted name where these statements expect one. */
    private static final List<String> RESERVED = List.of("on", "only", "using", "concurrently", "table", "create", "unique");
}
