package dev.zdm.core.ddl;

import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.RelationLock;
import dev.zdm.core.sql.RelationName;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One step of an {@link Operation}: it decides from the live catalog whether it is done (so that any run, after a crash
 * at any point, picks up where the database is), runs, describes itself, carries its {@link Phase} and, for an expand
 * step, its undo (itself an idempotent step). For the phases engine; {@link SafeDdl} runs every step in order.
 */
public final class Step {
    /** Reads the catalog: is the step's effect there? */
    @FunctionalInterface
    interface Check {
        boolean isDone(Catalog catalog) throws SQLException;
    }

    /** Runs the step (or reports that it found it done). */
    @FunctionalInterface
    interface Action {
        void run(DdlSession session) throws SQLException;
    }

    private final Phase phase;
    private final String action;
    private final Function<SqlStyle, String> sql;
    private final List<QualifiedName> relations;
    private final LockLevel lock;
    private final boolean instant;
    private final Check done;
    private final Action run;
    private final Action whenDone;
    private final Step undo;

    private Step(Phase phase, String action, Function<SqlStyle, String> sql, List<QualifiedName> relations, LockLevel lock,
                 boolean instant, Check done, Action run, Action whenDone, Step undo) {
        this.phase = Objects.requireNonNull(phase);
        this.action = action;
        this.sql = sql;
        this.relations = List.copyOf(relations);
        this.lock = lock;
        this.instant = instant;
        this.done = done;
        this.run = run;
        this.whenDone = whenDone;
        this.undo = undo;
    }

    /**
     * A step that holds {@code lock} on {@code relations} for an instant ({@code instant}) or for the whole step;
     * {@code sql} writes its statement in a {@link SqlStyle} from the names the operation was given.
     */
    static Step of(Phase phase, String action, Function<SqlStyle, String> sql, LockLevel lock, boolean instant,
                   List<QualifiedName> relations, Check done, Action run) {
        return new Step(phase, action, sql, relations, lock, instant, done, run, s -> { }, null);
    }

    /** The same step, saying {@code report} when it finds itself done instead of running. */
    Step whenDone(Action report) {
        return new Step(phase, action, sql, relations, lock, instant, done, run, report, undo);
    }

    /** The same expand step, undone by {@code undoStep}. */
    Step undoneBy(Step undoStep) {
        if (phase != Phase.EXPAND) {
            throw new IllegalStateException("only an expand step has an undo: " + action);
        }
        return new Step(phase, action, sql, relations, lock, instant, done, run, whenDone, undoStep);
    }

    /** The same step in {@code other} phase (an undo stays only on an expand step). */
    Step inPhase(Phase other) {
        return new Step(other, action, sql, relations, lock, instant, done, run, whenDone, other == Phase.EXPAND ? undo : null);
    }

    public Phase phase() {
        return phase;
    }

    /** The step in a few words. */
    public String action() {
        return action;
    }

    /** What it runs and locks, with the names as given, always-quoted. */
    public StepDescription describe() {
        return describe(SqlStyle.QUOTED);
    }

    /** What it runs and locks, the names written in {@code style}. */
    public StepDescription describe(SqlStyle style) {
        List<RelationLock> locks = new ArrayList<>();
        for (QualifiedName r : relations) {
            locks.add(new RelationLock(new RelationName(r.schema(), r.name()), lock));
        }
        return new StepDescription(phase, action, sql.apply(style), locks, instant);
    }

    /** The step that removes what this expand step added; empty for contract steps and steps that add nothing. */
    public Optional<Step> undo() {
        return Optional.ofNullable(undo);
    }

    boolean isDone(Catalog catalog) throws SQLException {
        return done.isDone(catalog);
    }

    /** Runs the step unless the catalog shows it done (then it reports that instead). */
    void apply(DdlSession session) throws SQLException {
        if (done.isDone(session.catalog)) {
            whenDone.run(session);
        } else {
            run.run(session);
        }
    }

    @Override
    public String toString() {
        return phase + " " + action;
    }
}
