package dev.zdm.flyway.internal.adapter;

import dev.zdm.core.sql.Directive;
import dev.zdm.core.sql.SqlScript;
import dev.zdm.core.sql.SqlStatement;
import dev.zdm.core.sql.StatementDetail;
import dev.zdm.flyway.internal.MigrateRun;
import dev.zdm.flyway.internal.PlainExecution;
import dev.zdm.flyway.internal.backfill.RequiredBackfills;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.resource.Resource;
import org.flywaydb.core.internal.parser.ParserContext;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.parser.PeekingReader;
import org.flywaydb.core.internal.parser.PositionTracker;
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
 * three things Flyway 13.12 gets wrong or cannot know: statements PostgreSQL refuses inside a transaction
 * block that Flyway does not recognise ({@code REINDEX ... CONCURRENTLY} of an index or table,
 * {@code ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY}), and statements marked
 * {@code -- zdm:batched}, which commit batch by batch (both make the migration non-transactional, as
 * {@code CREATE INDEX CONCURRENTLY} does); and scripts that must run as plain Flyway runs them
 * ({@link PlainExecution}: transaction control, or {@code -- zdm:plain} before the first statement).
 * Flyway creates one parser per script and parses it completely before running it. {@code COPY ... FROM STDIN} keeps
 * Flyway's execution, wrapped so that the resume bookkeeping sees it too. A script without statements whose comments hold
 * a column change ({@code -- zdm:rename-column}, {@code -- zdm:change-type}) yields one statement that runs it
 * ({@link ColumnChangeStatement}): Flyway would otherwise execute nothing for it.
 */
public class ZdmPostgreSQLParser extends PostgreSQLParser {
    private final PlainExecution plain = new PlainExecution();
    private final RequiredBackfills required = new RequiredBackfills();
    private boolean registered;
    /** A script without statements was checked for a {@code -- zdm:rename-column} / {@code zdm:change-type} directive. */
    private boolean columnChangeOffered;
    private int statements;

    public ZdmPostgreSQLParser(Configuration configuration, ParsingContext parsingContext) {
        super(configuration, parsingContext);
    }

    /** Tells the running migrate which script this parser reads, so its runner finds how to run it. */
    @Override
    protected org.flywaydb.core.internal.sqlscript.SqlStatement getNextStatement(Resource resource, PeekingReader reader, Recorder recorder,
                                                                               PositionTracker tracker, ParserContext context) {
        if (!registered) {
            registered = true;
            MigrateRun run = MigrateRun.current();
            if (run != null && resource != null) {
                run.parsing(resource.getRelativePath(), plain);
            }
        }
        org.flywaydb.core.internal.sqlscript.SqlStatement next = super.getNextStatement(resource, reader, recorder, tracker, context);
        if (next == null && statements == 0 && !columnChangeOffered) {
            columnChangeOffered = true;
            return ColumnChangeStatement.of(resource, plain);
        }
        return next;
    }

    @Override
    protected ParsedSqlStatement createStatement(PeekingReader reader, Recorder recorder, int statementPos, int statementLine,
                                                 int statementCol, int nonCommentPartPos, int nonCommentPartLine, int nonCommentPartCol,
                                                 StatementType statementType, boolean canExecuteInTransaction, Delimiter delimiter,
                                                 String sql, List<Token> tokens, boolean batchable) throws IOException {
        ParsedSqlStatement parsed = super.createStatement(reader, recorder, statementPos, statementLine, statementCol, nonCommentPartPos,
                nonCommentPartLine, nonCommentPartCol, statementType, canExecuteInTransaction, delimiter, sql, tokens, batchable);
        boolean first = statements++ == 0;
        int line = nonCommentPartLine > 0 ? nonCommentPartLine : statementLine;
        if (parsed instanceof PostgreSQLCopyParsedStatement copy) {
            // Flyway executes COPY ... FROM STDIN itself; wrapped so that its rows are recorded (and not copied twice on resume).
            return new ZdmSqlStatement(parsed.getPos(), line, statementCol, parsed.getSql(), delimiter,
                    parsed.canExecuteInTransaction(), false, null, copy, CopyData.of(copy), plain);
        }
        if (parsed.getClass() != ParsedSqlStatement.class) {
            return parsed; // another special statement: Flyway's own handling
        }
        SqlScript script = SqlScript.parse("", sql);
        SqlStatement analyzed = script.statements().size() == 1 ? script.statements().get(0) : null;
        if (first && !script.statements().isEmpty()) {
            // Lines in the snippet count from its leading comments; the statement itself is at the file's line `line`.
            int offset = line - script.statements().get(0).line();
            plainDirective(script).ifPresent(d -> plain.directive(offset + d.line(), d.arguments()));
            beforeFirstStatement(script).forEach(required::add);
        }
        if (analyzed != null) {
            analyzed.model().detail(StatementDetail.TransactionControl.class).ifPresent(t -> plain.transactionControl(t.command(), line));
        }
        boolean transactional = parsed.canExecuteInTransaction() && (analyzed == null
                || !(analyzed.model().mustRunOutsideTransaction() || !plain.applies() && ZdmSqlStatement.isBatched(analyzed)));
        return new ZdmSqlStatement(parsed.getPos(), line, statementCol, sql, delimiter, transactional, batchable, analyzed, null, "", plain)
                .requiring(required);
    }

    /** {@code -- zdm:plain} in the comments before the script's first statement. */
    private static java.util.Optional<Directive> plainDirective(SqlScript script) {
        return beforeFirstStatement(script).stream().filter(d -> d.is(PlainExecution.DIRECTIVE)).findFirst();
    }

    /** The directives in the comments before the script's first statement. */
    private static List<Directive> beforeFirstStatement(SqlScript script) {
        List<Directive> before = new ArrayList<>(script.fileDirectives());
        if (!script.statements().isEmpty()) {
            before.addAll(script.statements().get(0).directives());
        }
        return before;
    }
}
