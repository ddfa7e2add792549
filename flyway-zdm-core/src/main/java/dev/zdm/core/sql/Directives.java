package dev.zdm.core.sql;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every {@code -- zdm:<name>} directive flyway-zdm knows: its name, what it applies to and its options. A
 * {@code zdm:} comment whose name is not listed here is a mistake (a misspelt {@code zdm:bached} would otherwise
 * silently run a 2-million-row UPDATE as one statement); {@code dev.zdm.core.lint.DirectiveProblems} reports it,
 * in lint (ZDM144) and at migrate time before anything is applied.
 */
public final class Directives {

    /** What a directive applies to. */
    public enum Scope {
        /** The statement directly below it (no blank line in between), or the one it follows on the same line. */
        STATEMENT,
        /** The whole migration: written before the first statement. */
        FILE,
        /** Either: above a statement for that statement, at the top of the file followed by a blank line for the file. */
        STATEMENT_OR_FILE,
        /** The rest of the file below it: every line after it is a {@code --} comment ({@code zdm:rollback}). */
        REST_OF_FILE,
        /** The migration itself: the only content of a file without SQL statements ({@code zdm:rename-column}). */
        MIGRATION
    }

    /**
     * One known directive.
     *
     * @param name    the word after {@code zdm:}
     * @param scope   what it applies to
     * @param options the {@code option=value} names it accepts, empty when it takes free text
     * @param example how it is written
     */
    public record Kind(String name, Scope scope, List<String> options, String example) {
    }

    /** {@code -- zdm:ignore ZDM101 <reason>}: silences lint rules for the statement below (or the file, see {@link Scope}). */
    public static final Kind IGNORE = new Kind("ignore", Scope.STATEMENT_OR_FILE, List.of(), "-- zdm:ignore ZDM101 the table has 20 rows");

    /** {@code -- zdm:ignore-file ZDM101 <reason>}: silences lint rules for the whole file. */
    public static final Kind IGNORE_FILE = new Kind("ignore-file", Scope.FILE, List.of(), "-- zdm:ignore-file ZDM101 the table has 20 rows");

    /**
     * {@code -- zdm:batched key=id size=5000}: the UPDATE or DELETE below runs as resumable batches; with the word
     * {@code background} it is recorded as a job for the runners and the migration does not wait for it.
     */
    public static final Kind BATCHED = new Kind("batched", Scope.STATEMENT, List.of("key", "size", "targetBatch", "pause",
            "maxRowsPerSecond", "maxReplicationLag", "lockTimeout", "statementTimeout", "maxRetries", "verify", "background"),
            "-- zdm:batched key=id size=5000");

    /** {@code -- zdm:plain <reason>}: the migration is run as plain Flyway runs it, outside the lock-safe runner. */
    public static final Kind PLAIN = new Kind("plain", Scope.FILE, List.of(), "-- zdm:plain it manages its own transactions");

    /**
     * {@code -- zdm:phase=contract}: the migration's phase in an expand / migrate / contract deploy; its options are the
     * values it accepts ({@code dev.zdm.core.phase.MigrationPhase}).
     */
    public static final Kind PHASE = new Kind("phase", Scope.FILE, List.of("expand", "migrate", "contract"), "-- zdm:phase=contract");

    /**
     * {@code -- zdm:verify <query returning true>}: an integrity query {@code zdm:verify} runs after the migration is
     * applied (read-only, with a statement timeout); false, no row or an error fails the check.
     */
    public static final Kind VERIFY = new Kind("verify", Scope.STATEMENT_OR_FILE, List.of(),
            "-- zdm:verify SELECT count(*) = 0 FROM users WHERE email IS NULL");

    /**
     * {@code -- zdm:rollback}: the lines below it, to the end of the file, are the migration's rollback for
     * {@code zdm:rollback}, each written as a {@code --} comment so that {@code migrate} never runs them
     * ({@code dev.zdm.core.phase.rollback.RollbackSection}).
     */
    public static final Kind ROLLBACK = new Kind("rollback", Scope.REST_OF_FILE, List.of(),
            "-- zdm:rollback\n-- ALTER TABLE users DROP COLUMN IF EXISTS nickname;");

    /**
     * {@code -- zdm:require-backfill <id>}: the migration is refused until the background backfill job {@code <id>} is done
     * and verified (for example a contract step that needs the backfilled column).
     */
    public static final Kind REQUIRE_BACKFILL = new Kind("require-backfill", Scope.FILE, List.of(),
            "-- zdm:require-backfill V7__backfill_email.sql#3f2a9c01d4e5b6a7");

    /**
     * {@code -- zdm:rename-column table=users from=name to=full_name [background]}: the migration renames the column while
     * both application versions run (expand at migrate, contract at {@code zdm:contract}); the file holds no SQL statement
     * ({@code dev.zdm.core.ddl.ColumnChangeDirective}).
     */
    public static final Kind RENAME_COLUMN = new Kind("rename-column", Scope.MIGRATION, List.of("table", "from", "to", "background"),
            "-- zdm:rename-column table=users from=name to=full_name");

    /**
     * {@code -- zdm:change-type table=users column=amount type=numeric(12,2) using="amount::numeric / 100" [inverse="..."]
     * [background]}: the migration changes the column's type through a copy kept in sync; the file holds no SQL statement.
     */
    public static final Kind CHANGE_TYPE = new Kind("change-type", Scope.MIGRATION, List.of("table", "column", "type", "using", "inverse",
            "background"), "-- zdm:change-type table=users column=amount type=numeric(12,2) using=\"amount::numeric / 100\"");

    private static final List<Kind> ALL = List.of(IGNORE, IGNORE_FILE, BATCHED, PLAIN, PHASE, VERIFY, ROLLBACK, REQUIRE_BACKFILL,
            RENAME_COLUMN, CHANGE_TYPE);

    private Directives() {
    }

    public static List<Kind> all() {
        return ALL;
    }

    /** The known directive called {@code name} (any case). */
    public static Optional<Kind> byName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(k -> k.name().equals(wanted)).findFirst();
    }

    /** The known names, for messages: {@code ignore, ignore-file, batched, plain, phase, verify, rollback}. */
    public static List<String> names() {
        return ALL.stream().map(Kind::name).toList();
    }
}
