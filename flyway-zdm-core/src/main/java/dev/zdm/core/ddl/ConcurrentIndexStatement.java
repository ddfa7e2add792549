package dev.zdm.core.ddl;

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
 * <p>The parsing is deliberately minimal and self-contained (a small lexer that knows comments, strings,
 * dollar quotes and quoted identifiers, then the head of the statement): it reads what the executor needs
 * (names, table, flags) and keeps the index definition after the table name as written. Everything about
 * parsing lives in this class so it can be replaced by the project's SQL lexer.
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
        Objects.requireNonNull(sql, "sql");
        List<Token> tokens;
        try {
            tokens = Lexer.tokens(sql);
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
        int end = tokens.size();
        if (end > 0 && tokens.get(end - 1).is(";")) {
            end--;
        }
        for (int i = 0; i < end; i++) {
            if (tokens.get(i).is(";")) {
                return Optional.empty(); // more than one statement
            }
        }
        if (end == 0) {
            return Optional.empty();
        }
        String text = sql.substring(tokens.get(0).start, tokens.get(end - 1).end);
        Cursor c = new Cursor(sql, tokens.subList(0, end), text);
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

    @Override
    public String toString() {
        return sql;
    }

    // ---------------------------------------------------------------- parsing

    /** Walks the tokens of one statement. */
    private static final class Cursor {
        private final String source;
        private final List<Token> tokens;
        private final String text;
        private int pos;

        Cursor(String source, List<Token> tokens, String text) {
            this.source = source;
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
                Token t = identifier();
                if (t == null) {
                    return Optional.empty();
                }
                name = t.value;
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
            Token next = tokens.get(pos);
            if (!next.is("(") && !(next.word && next.value.equals("using"))) {
                return Optional.empty();
            }
            String definition = source.substring(next.start, tokens.get(tokens.size() - 1).end).trim();
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
            } while (punct(","));
            word("restrict");
            if (pos != tokens.size()) {
                return Optional.empty(); // CASCADE (refused by PostgreSQL with CONCURRENTLY) or something unknown
            }
            return Optional.of(new ConcurrentIndexStatement(Kind.DROP_INDEX, text, false, false, ifExists, false, null, null, null,
                    List.copyOf(names), null, null));
        }

        Optional<ConcurrentIndexStatement> reindex() {
            boolean concurrently = false;
            if (punct("(")) {
                int depth = 1;
                Token previousWord = null;
                while (pos < tokens.size() && depth > 0) {
                    Token t = tokens.get(pos++);
                    if (t.is("(")) {
                        depth++;
                    } else if (t.is(")")) {
                        depth--;
                    }
                    if (previousWord != null && previousWord.value.equals("concurrently") && !t.is(",") && !t.is(")")) {
                        concurrently = !(t.value.equals("false") || t.value.equals("off") || t.value.equals("0"));
                    } else if (t.word && t.value.equals("concurrently")) {
                        concurrently = true;
                    }
                    previousWord = t.word ? t : null;
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
                Token t = identifier();
                if (t == null) {
                    return Optional.empty();
                }
                name = QualifiedName.of(t.value);
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
                Token t = identifier();
                if (t == null) {
                    return null;
                }
                parts.add(t.value);
            } while (parts.size() < 3 && punct("."));
            int n = parts.size();
            return n == 1 ? QualifiedName.of(parts.get(0)) : new QualifiedName(parts.get(n - 2), parts.get(n - 1));
        }

        Token identifier() {
            if (pos >= tokens.size()) {
                return null;
            }
            Token t = tokens.get(pos);
            if (t.quoted || (t.word && !RESERVED.contains(t.value))) {
                pos++;
                return t;
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
            return pos < tokens.size() && tokens.get(pos).word && tokens.get(pos).value.equals(w);
        }

        boolean words(String... ws) {
            for (int i = 0; i < ws.length; i++) {
                Token t = pos + i < tokens.size() ? tokens.get(pos + i) : null;
                if (t == null || !t.word || !t.value.equals(ws[i])) {
                    return false;
                }
            }
            pos += ws.length;
            return true;
        }

        boolean punct(String p) {
            if (pos < tokens.size() && tokens.get(pos).is(p)) {
                pos++;
                return true;
            }
            return false;
        }
    }

    /** Key words that cannot be an unquoted name where these statements expect one. */
    private static final List<String> RESERVED = List.of("on", "only", "using", "concurrently", "table", "create", "unique");

    /**
     * A token: an unquoted word (folded to lower case as PostgreSQL does), a quoted identifier (unescaped), a
     * string/number/operator, or punctuation; with its offsets in the source.
     */
    private record Token(String value, boolean word, boolean quoted, int start, int end) {
        boolean is(String punctuation) {
            return !word && !quoted && value.equals(punctuation);
        }
    }

    /** Splits SQL into tokens, skipping whitespace and comments; knows strings, dollar quotes and quoted identifiers. */
    private static final class Lexer {
        private final String s;
        private int i;
        private final List<Token> out = new ArrayList<>();

        private Lexer(String s) {
            this.s = s;
        }

        static List<Token> tokens(String sql) {
            Lexer l = new Lexer(sql);
            l.run();
            return l.out;
        }

        private void run() {
            while (i < s.length()) {
                char ch = s.charAt(i);
                if (Character.isWhitespace(ch)) {
                    i++;
                } else if (ch == '-' && next(1) == '-') {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        i++;
                    }
                } else if (ch == '/' && next(1) == '*') {
                    blockComment();
                } else if (ch == '"') {
                    quotedIdentifier();
                } else if (ch == '\'') {
                    string(i, false);
                } else if ((ch == 'e' || ch == 'E') && next(1) == '\'') {
                    string(i++, true);
                } else if ((ch == 'u' || ch == 'U') && next(1) == '&' && (next(2) == '"' || next(2) == '\'')) {
                    throw new IllegalArgumentException("Unicode-escaped identifiers or strings are not read here");
                } else if (ch == '$' && dollarTag() != null) {
                    dollarQuoted(dollarTag());
                } else if (Character.isLetter(ch) || ch == '_') {
                    int start = i;
                    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) {
                        i++;
                    }
                    out.add(new Token(lowerAscii(s.substring(start, i)), true, false, start, i));
                } else if (Character.isDigit(ch)) {
                    int start = i;
                    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                        i++;
                    }
                    out.add(new Token(s.substring(start, i), false, false, start, i));
                } else {
                    out.add(new Token(String.valueOf(ch), false, false, i, i + 1));
                    i++;
                }
            }
        }

        private char next(int offset) {
            return i + offset < s.length() ? s.charAt(i + offset) : '\0';
        }

        private void blockComment() {
            int depth = 0;
            do {
                if (s.startsWith("/*", i)) {
                    depth++;
                    i += 2;
                } else if (s.startsWith("*/", i)) {
                    depth--;
                    i += 2;
                } else {
                    i++;
                }
            } while (depth > 0 && i < s.length());
            if (depth > 0) {
                throw new IllegalArgumentException("unterminated comment");
            }
        }

        private void quotedIdentifier() {
            int start = i;
            StringBuilder value = new StringBuilder();
            i++;
            while (true) {
                if (i >= s.length()) {
                    throw new IllegalArgumentException("unterminated quoted identifier");
                }
                char ch = s.charAt(i++);
                if (ch == '"') {
                    if (i < s.length() && s.charAt(i) == '"') {
                        value.append('"');
                        i++;
                    } else {
                        break;
                    }
                } else {
                    value.append(ch);
                }
            }
            if (value.length() == 0) {
                throw new IllegalArgumentException("zero-length quoted identifier");
            }
            out.add(new Token(value.toString(), false, true, start, i));
        }

        private void string(int start, boolean backslashEscapes) {
            i = s.indexOf('\'', start) + 1;
            while (true) {
                if (i >= s.length()) {
                    throw new IllegalArgumentException("unterminated string");
                }
                char ch = s.charAt(i++);
                if (backslashEscapes && ch == '\\') {
                    i++;
                } else if (ch == '\'') {
                    if (i < s.length() && s.charAt(i) == '\'') {
                        i++;
                    } else {
                        break;
                    }
                }
            }
            out.add(new Token(s.substring(start, i), false, false, start, i));
        }

        /** {@code $tag$} at the current position, or null ({@code $1} parameters are not tags). */
        private String dollarTag() {
            int j = i + 1;
            while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                j++;
            }
            if (j < s.length() && s.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(s.charAt(i + 1)))) {
                return s.substring(i, j + 1);
            }
            return null;
        }

        private void dollarQuoted(String tag) {
            int start = i;
            int close = s.indexOf(tag, i + tag.length());
            if (close < 0) {
                throw new IllegalArgumentException("unterminated dollar-quoted string");
            }
            i = close + tag.length();
            out.add(new Token(s.substring(start, i), false, false, start, i));
        }

        private static String lowerAscii(String word) {
            StringBuilder b = new StringBuilder(word.length());
            for (int k = 0; k < word.length(); k++) {
                char ch = word.charAt(k);
                b.append(ch >= 'A' && ch <= 'Z' ? (char) (ch + 32) : ch);
            }
            return b.toString();
        }
    }
}
