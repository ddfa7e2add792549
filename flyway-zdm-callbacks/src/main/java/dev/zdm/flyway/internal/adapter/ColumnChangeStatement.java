package dev.zdm.flyway.internal.adapter;

import dev.zdm.core.ddl.ColumnChangeDirective;
import dev.zdm.core.lint.DirectiveProblems;
import dev.zdm.core.sql.Directive;
import dev.zdm.core.sql.SqlScript;
import dev.zdm.flyway.api.ZdmMigrationException;
import dev.zdm.flyway.internal.PlainExecution;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.api.resource.Resource;
import org.flywaydb.core.internal.sqlscript.Delimiter;

/**
 * The statement a SQL migration without statements gets when its comments hold a column change
 * ({@code -- zdm:rename-column}, {@code -- zdm:change-type}): Flyway's parser finds nothing to execute in such a file, so
 * our parser hands Flyway this one, a {@link ZdmSqlStatement} whose SQL is the directive's line (a comment: executed as
 * SQL it would do nothing) and which runs the operation instead ({@code AppliedOperations.applyColumnChange}). It cannot
 * run in a transaction, so Flyway runs the migration in autocommit, as the operation needs.
 * <p>The text is read again from the resource (Flyway's reader is at its end once it found no statement); placeholders
 * are not replaced in it. A wrong directive gets a statement that fails the migration when it runs: the migrate-time
 * directive check refuses it before anything is applied (ZDM144), but not on a fresh database, where it must not pass as
 * an empty migration. A file that also has statements is the directive check's alone.
 */
final class ColumnChangeStatement {
    private ColumnChangeStatement() {
    }

    /** The statement for {@code resource}, or null when it is not a column-change migration. */
    static ZdmSqlStatement of(Resource resource, PlainExecution plain) {
        if (!(resource instanceof LoadableResource loadable)) {
            return null;
        }
        String text = read(loadable);
        SqlScript script = SqlScript.parse(resource.getFilename(), text);
        Optional<ColumnChangeDirective> change = ColumnChangeDirective.of(script);
        if (change.isPresent()) {
            int line = change.get().line();
            return new ZdmSqlStatement(0, line, 1, lineOf(text, line), Delimiter.SEMICOLON, false, false, null, null, "", plain)
                    .changing(change.get());
        }
        List<Directive> written = ColumnChangeDirective.find(script);
        if (written.isEmpty()) {
            return null;
        }
        String problems = DirectiveProblems.of(script).stream().filter(p -> !p.warning()).map(DirectiveProblems.Problem::describe)
                .collect(Collectors.joining("; "));
        int line = written.get(0).line();
        return new ZdmSqlStatement(0, line, 1, lineOf(text, line), Delimiter.SEMICOLON, true, false, null, null, "", plain)
                .refusing("flyway-zdm cannot run " + resource.getRelativePath() + ": " + problems + " Nothing of it was applied.");
    }

    private static String lineOf(String text, int line) {
        return text.split("\r\n|\r|\n", -1)[line - 1].strip();
    }

    private static String read(LoadableResource resource) {
        try (Reader reader = resource.read()) {
            StringWriter out = new StringWriter();
            reader.transferTo(out);
            return out.toString();
        } catch (IOException e) {
            throw new ZdmMigrationException("flyway-zdm could not read " + resource.getRelativePath() + " again to run its column change ("
                    + e.getMessage() + "); nothing of it was applied.", e);
        }
    }
}
