package dev.zdm.flyway.internal.adapter;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.parser.PeekingReader;
import org.flywaydb.core.internal.parser.Recorder;
import org.flywaydb.core.internal.parser.StatementType;
import org.flywaydb.core.internal.parser.Token;
import org.flywaydb.core.internal.sqlscript.Delimiter;
import org.flywaydb.core.internal.sqlscript.ParsedSqlStatement;
import org.flywaydb.database.postgresql.PostgreSQLParser;

/**
 * Flyway's PostgreSQL parser with two changes: statements become {@link ZdmSqlStatement}s (so that the
 * lock-safe runner executes them), and statements PostgreSQL refuses inside a transaction block that
 * Flyway 13.12 does not recognise ({@code REINDEX ... CONCURRENTLY} of an index or table,
 * {@code ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY}) make the migration non-transactional,
 * as {@code CREATE INDEX CONCURRENTLY} does.
 */
public class ZdmPostgreSQLParser extends PostgreSQLParser {
    // Flyway's "simplified statement" holds the first keywords in upper case, single-spaced.
    private static final Pattern REINDEX_CONCURRENTLY = Pattern.compile("^REINDEX\\b.*\\bCONCURRENTLY\\b.*");
    private static final Pattern DETACH_CONCURRENTLY = Pattern.compile("^ALTER TABLE\\b.*\\bDETACH PARTITION\\b.*\\bCONCURRENTLY\\b.*");

    public ZdmPostgreSQLParser(Configuration configuration, ParsingContext parsingContext) {
        super(configuration, parsingContext);
    }

    @Override
    protected Boolean detectCanExecuteInTransaction(String simplifiedStatement, List<Token> keywords) {
        Boolean flyway = super.detectCanExecuteInTransaction(simplifiedStatement, keywords);
        if (flyway != null) {
            return flyway;
        }
        if (REINDEX_CONCURRENTLY.matcher(simplifiedStatement).matches() || DETACH_CONCURRENTLY.matcher(simplifiedStatement).matches()) {
            return false;
        }
        return null;
    }

    @Override
    protected ParsedSqlStatement createStatement(PeekingReader reader, Recorder recorder, int statementPos, int statementLine,
                                                 int statementCol, int nonCommentPartPos, int nonCommentPartLine, int nonCommentPartCol,
                                                 StatementType statementType, boolean canExecuteInTransaction, Delimiter delimiter,
                                                 String sql, List<Token> tokens, boolean batchable) throws IOException {
        ParsedSqlStatement parsed = super.createStatement(reader, recorder, statementPos, statementLine, statementCol, nonCommentPartPos,
                nonCommentPartLine, nonCommentPartCol, statementType, canExecuteInTransaction, delimiter, sql, tokens, batchable);
        if (parsed.getClass() != ParsedSqlStatement.class) {
            return parsed; // COPY ... FROM STDIN and other special statements keep Flyway's own handling
        }
        return new ZdmSqlStatement(parsed.getPos(), nonCommentPartLine > 0 ? nonCommentPartLine : statementLine, statementCol,
                sql, delimiter, parsed.canExecuteInTransaction(), batchable);
    }
}
