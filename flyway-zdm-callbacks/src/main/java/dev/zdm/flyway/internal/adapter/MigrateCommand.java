package dev.zdm.flyway.internal.adapter;

import java.util.Optional;

/**
 * Tells whether Flyway's {@code migrate} command is what runs on this thread, from the call stack. The extension
 * starts its migrate run at the first moment migrate needs it instead of at {@code BEFORE_MIGRATE}: Flyway opens an
 * extra "event connection" for {@code BEFORE_MIGRATE} and for {@code AFTER_MIGRATE} whenever any callback wants them
 * (measured: most of the extension's cost on a migrate with nothing pending), while the events of each migration are
 * served on the migration connection. Flyway 13.12 fires no event of its own that only migrate fires before it uses
 * its execution strategy (PostgreSQL's migration connection is the main one, so {@code DbMigrate} fires no
 * {@code AFTER_CONNECT}). Pinned by {@code FlywayInternalsContractTest}.
 */
public final class MigrateCommand {
    private static final String DB_MIGRATE = "org.flywaydb.core.internal.command.DbMigrate";
    private static final String FLYWAY = "org.flywaydb.core.Flyway";
    private static final String FLYWAY_EXECUTOR = "org.flywaydb.core.FlywayExecutor";

    private MigrateCommand() {
    }

    /**
     * Whether the caller runs inside migrate's command object ({@code DbMigrate}), and not inside a Flyway call nested
     * in it (the lint gate's {@code info()} has a {@code FlywayExecutor} frame nearer than the migrate's).
     */
    public static boolean isRunning() {
        Optional<String> nearest = StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                .filter(c -> c.equals(DB_MIGRATE) || c.equals(FLYWAY_EXECUTOR)).findFirst());
        return nearest.isPresent() && nearest.get().equals(DB_MIGRATE);
    }

    /**
     * Whether the caller runs inside Flyway's {@code migrate()} command, before or during {@code DbMigrate} (its
     * validation included), and not in a Flyway call nested in it: the nearest command lambda of {@code Flyway} on the
     * stack is migrate's ({@code lambda$migrate$2} in 13.12).
     */
    public static boolean isMigrateCommand() {
        Optional<String> nearest = StackWalker.getInstance().walk(frames -> frames
                .filter(f -> f.getClassName().equals(FLYWAY) && f.getMethodName().startsWith("lambda$"))
                .map(StackWalker.StackFrame::getMethodName).findFirst());
        return nearest.isPresent() && nearest.get().startsWith("lambda$migrate");
    }

    /** Whether a migrate is running further down this thread's stack (the caller may be a Flyway call nested in it). */
    public static boolean isInside() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(f -> f.getClassName().equals(DB_MIGRATE)));
    }
}
