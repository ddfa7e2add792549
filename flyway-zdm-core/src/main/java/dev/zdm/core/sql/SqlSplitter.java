package dev.zdm.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a script at the semicolons that end statements, as psql does: not inside strings, quoted
 * identifiers, comments or dollar quotes (the lexer sees to those), not inside parentheses, and not
 * inside the {@code BEGIN ATOMIC ... END} body of a {@code CREATE FUNCTION} or {@code CREATE PROCEDURE}.
 */
final class SqlSplitter {
    private final SqlScript script;
    private final Tokens t;
    private final String text;
    private final List<SqlStatement> statements = new ArrayList<>();
    private final List<Directive> fileDirectives = new ArrayList<>();
    // Incremental line counting: statements are visited in order.
    private int countedTo;
    private int currentLine = 1;
    private int currentLineStart;

    private SqlSplitter(SqlScript script) {
        this.script = script;
        this.t = script.tokens();
        this.text = script.text();
    }

    static void split(SqlScript script) {
        new SqlSplitter(script).run();
    }

    private void run() {
        int segmentStart = 0;
        int i = 0;
        int size = t.size();
        while (i < size) {
            // Leading comments and stray semicolons before the statement.
            int first = i;
            while (first < size && (t.isComment(first) || t.isSymbol(first, ';'))) {
                first++;
            }
            if (first == size) {
                break;
            }
            int end = statementEnd(first);
            int terminator = end < size ? end : -1;
            int segmentEnd = terminator >= 0 ? t.end(terminator) : t.end(end - 1);
            int next = terminator >= 0 ? terminator + 1 : end;
            // A comment on the same line after the semicolon belongs to this statement.
            List<Integer> trailing = new ArrayList<>();
            while (terminator >= 0 && next < size && t.isComment(next) && sameLine(t.end(terminator), t.start(next))) {
                trailing.add(next);
                segmentEnd = t.end(next);
                next++;
            }
            addStatement(i, first, end, segmentStart, segmentEnd, trailing);
            segmentStart = segmentEnd;
            i = next;
        }
        script.setResult(statements, fileDirectives, segmentStart);
    }

    /** The index of the semicolon ending the statement that starts at {@code first}, or the token count. */
    private int statementEnd(int first) {
        int size = t.size();
        int parenDepth = 0;
        int beginDepth = 0;
        boolean routine = isRoutineDefinition(first);
        for (int i = first; i < size; i++) {
            TokenType type = t.type(i);
            if (type == TokenType.SYMBOL) {
                char c = text.charAt(t.start(i));
                if (c == '(') {
                    parenDepth++;
                } else if (c == ')') {
                    parenDepth = Math.max(0, parenDepth - 1);
                } else if (c == ';' && parenDepth == 0 && beginDepth == 0) {
                    return i;
                }
            } else if (routine && type == TokenType.WORD && parenDepth == 0) {
                if (t.isWord(i, "begin")) {
                    beginDepth++;
                } else if (t.isWord(i, "case") && beginDepth > 0) {
                    beginDepth++;
                } else if (t.isWord(i, "end") && beginDepth > 0) {
                    beginDepth--;
                }
            }
        }
        return size;
    }

    /** CREATE [OR REPLACE] FUNCTION|PROCEDURE: the statements whose SQL-standard body may hold semicolons. */
    private boolean isRoutineDefinition(int first) {
        int i = nextCode(first);
        if (i < 0 || !t.isWord(i, "create")) {
            return false;
        }
        i = nextCode(i + 1);
        if (i >= 0 && t.isWord(i, "or")) {
            i = nextCode(i + 1);
            if (i < 0 || !t.isWord(i, "replace")) {
                return false;
            }
            i = nextCode(i + 1);
        }
        return i >= 0 && (t.isWord(i, "function") || t.isWord(i, "procedure"));
    }

    private int nextCode(int i) {
        while (i < t.size() && t.isComment(i)) {
            i++;
        }
        return i < t.size() ? i : -1;
    }

    private void addStatement(int leadingFrom, int first, int end, int segmentStart, int segmentEnd, List<Integer> trailing) {
        // The statement's own tokens end before the semicolon; drop comments at its very end.
        int last = end;
        while (last > first + 1 && t.isComment(last - 1)) {
            last--;
        }
        List<String> comments = new ArrayList<>();
        List<Directive> directives = new ArrayList<>();
        boolean firstStatement = statements.isEmpty();
        for (int c = leadingFrom; c < first; c++) {
            if (!t.isComment(c)) {
                continue;
            }
            String comment = t.text(c);
            comments.add(comment);
            int line = lineOf(t.start(c));
            Optional<Directive> d = Directive.parse(comment, line);
            if (d.isPresent()) {
                boolean fileLevel = d.get().is("ignore-file")
                        || firstStatement && blankLineBetween(t.end(c), t.start(first));
                (fileLevel ? fileDirectives : directives).add(fileLevel && d.get().is("ignore-file")
                        ? new Directive("ignore", d.get().arguments(), d.get().line()) : d.get());
            }
        }
        int line = lineOf(t.start(first));
        int column = t.start(first) - currentLineStart + 1;
        for (int c : trailing) {
            String comment = t.text(c);
            comments.add(comment);
            Directive.parse(comment, lineOf(t.start(c))).ifPresent(directives::add);
        }
        statements.add(new SqlStatement(script, statements.size(), first, last, segmentStart, segmentEnd, line, column,
                List.copyOf(comments), List.copyOf(directives)));
    }

    /** The 1-based line of {@code offset}; offsets must be asked for in increasing order. */
    private int lineOf(int offset) {
        for (int i = countedTo; i < offset; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                currentLine++;
                currentLineStart = i + 1;
            }
        }
        countedTo = Math.max(countedTo, offset);
        return currentLine;
    }

    private boolean sameLine(int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return false;
            }
        }
        return true;
    }

    /** True when there is an empty line between two offsets. */
    private boolean blankLineBetween(int from, int to) {
        int newlines = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                newlines++;
                if (newlines >= 2) {
                    return true;
                }
            } else if (c != ' ' && c != '\t' && c != '\r') {
                newlines = 0;
            }
        }
        return false;
    }
}
