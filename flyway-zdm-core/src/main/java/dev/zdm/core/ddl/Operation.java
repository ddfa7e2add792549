package dev.zdm.core.ddl;

import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * A schema change made of ordered {@link Step}s, modelled on pgroll's operations (start / complete / rollback) with
 * flyway-zdm's catalog-driven idempotence: every step decides from the live catalog whether it is done, so running the
 * operation again after a crash at any step finishes it. Expand steps come before contract steps; each expand step that
 * adds something knows its undo. Run it with an {@link OperationRunner}. For the phases engine; build one with
 * {@link Operations}.
 */
public final class Operation {
    /** Checks the operation can run here and reports when the catalog shows it complete already (true: nothing to do). */
    @FunctionalInterface
    interface Prepare {
        boolean complete(DdlSession session) throws SQLException;
    }

    private final String name;
    private final Prepare prepare;
    private final List<Step> steps;

    Operation(String name, Prepare prepare, List<Step> steps) {
        this.name = Objects.requireNonNull(name);
        this.prepare = Objects.requireNonNull(prepare);
        this.steps = List.copyOf(steps);
        boolean contract = false;
        for (Step step : this.steps) {
            if (step.phase() == Phase.CONTRACT) {
                contract = true;
            } else if (contract) {
                throw new IllegalArgumentException(name + ": an expand step follows a contract step");
            }
        }
    }

    Operation(String name, List<Step> steps) {
        this(name, s -> false, steps);
    }

    /** What the operation does, e.g. {@code SET NOT NULL users.email}. */
    public String name() {
        return name;
    }

    public List<Step> steps() {
        return steps;
    }

    /** The steps of one phase, in order. */
    public List<Step> steps(Phase phase) {
        return steps.stream().filter(s -> s.phase() == phase).toList();
    }

    /** The steps' descriptions in {@code style}: the operation's plan, without a connection. */
    public List<StepDescription> plan(SqlStyle style) {
        return steps.stream().map(s -> s.describe(style)).toList();
    }

    boolean prepare(DdlSession session) throws SQLException {
        return prepare.complete(session);
    }

    @Override
    public String toString() {
        return name;
    }
}
