package dev.zdm.flyway.internal.adapter;

import dev.zdm.core.sql.SqlScript;
import dev.zdm.core.sql.SqlStatement;
import java.io.IOException;
import java.util.List;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.parser.PeekingReader;
import org.flywaydb.core.internal.parser.Recorder;
import org.flywaydb.core.internal.parser.StatementType;
import org.flywaydb.core.internal.parser.Token;
import org.flywaydb.core.internal.sqlscript.Delimiter;
import org.flywaydb.core.internal.sqlscript.ParsedSqlStatement;
import org.flywaydb.database.postgresql.PostgreSQLCopyParsedStatement;
import org.flywaydb.database.postgresql.PostgreSQLParser;

/**
 * Flyway's PostgreSQL parser, whose statements become {@link ZdmSqlStatement}s so that the lock-safe runner
 * executes them. Each statement is also read by our own analyzer ({@code dev.zdm.core.sql}), which decides
 * two things Flyway 13.12 gets wrong or cannot know: statements PostgreSQL refuses inside a transaction
 * block that Flyway does not recognise ({@code REINDEX ... CONCURRENTLY} of an index or table,
 * {@code ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY}), and statements marked
 * {@code -- zdm:batched}, which commit batch by batch; both make the migration non-transactional, as
 * {@code CREATE INDEX CONCURRENTLY} does. {@code COPY ... FROM STDIN} keeps Flyway's execution, wrapped so that the
 * resume bookkeeping sees it too.
 */
public class ZdmPostgreSQLParser extends PostgreSQLParser {

    public ZdmPostgreSQLParser(Configuration configuration, ParsingContext parsingContext) {
        super(configuration, parsingContext);
    }

    @Override
    protected ParsedSqlStatement createStatement(PeekingReader reader, Recorder recorder, int statementPos, int statementLine,
                                                 int statementCol, int nonCommentPartPos, int nonCommentPartLine, int nonCommentPartCol,
                                                 StatementType statementType, boolean canExecuteInTransaction, Delimiter delimiter,
                                                 String sql, List<Token> tokens, boolean batchable) throws IOException {
        ParsedSqlStatement parsed = super.createStatement(reader, recorder, statementPos, statementLine, statementCol, nonCommentPartPos,
                nonCommentPartLine, nonCommentPartCol, statementType, canExecuteInTransaction, delimiter, sql, tokens, batchable);
        int line = nonCommentPartLine > 0 ? nonCommentPartLine : statementLine;
        if (parsed instanceof PostgreSQLCopyParsedStatement copy) {
            // Flyway executes COPY ... FROM STDIN itself; wrapped so that its rows are recorded (and not copied twice on resume).
            return new ZdmSqlStatement(parsed.getPos(), line, statementCol, parsed.getSql(), delimiter,
                    parsed.canExecuteInTransaction(), false, null, copy, CopyData.of(copy));
        }
        if (parsed.getClass() != ParsedSqlStatement.class) {
            return parsed; // another special statement: Flyway's own handling
        }
        SqlStatement analyzed = analyze(sql);
        boolean transactional = parsed.canExecuteInTransaction()
                && (analyzed == null || !(analyzed.model().mustRunOutsideTransaction() || ZdmSqlStatement.isBatched(analyzed)));
        return new ZdmSqlStatement(parsed.getPos(), line, statementCol, sql, delimiter, transactional, batchable, analyzed, null, "");
    }

    /** Our reading of the one statement Flyway found; null if ours sees something else (then Flyway's view stands). */
    private static SqlStatement analyze(String sql) {
        List<SqlStatement> statements = SqlScript.parse("", sql).statements();
        return statements.size() == 1 ? statements.get(0) : null;
    }
}
