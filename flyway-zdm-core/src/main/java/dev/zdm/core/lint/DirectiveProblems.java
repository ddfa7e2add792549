package dev.zdm.core.lint;

import dev.zdm.core.backfill.BackfillException;
import dev.zdm.core.backfill.BatchedSqlStatement;
import dev.zdm.core.ddl.ColumnChangeDirective;
import dev.zdm.core.phase.MigrationPhase;
import dev.zdm.core.phase.PhaseDeclaration;
import dev.zdm.core.phase.rollback.RollbackSection;
import dev.zdm.core.sql.Directive;
import dev.zdm.core.sql.Directives;
import dev.zdm.core.sql.SqlScript;
import dev.zdm.core.sql.SqlStatement;
import dev.zdm.core.text.DidYouMean;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code -- zdm:} directives of a migration that would not do what they say, checked against {@link Directives}:
 * unknown names, directives attached to nothing (a blank line between {@code -- zdm:batched} and its UPDATE, a
 * directive after the last statement), file directives written in the middle of a file, and {@code zdm:batched}
 * options and statements the batch engine refuses ({@code size=0}, an INSERT, a SET of a key column), and SQL below a
 * {@code -- zdm:rollback} line that is not a comment ({@link RollbackSection}: it would run at migrate). Each of them
 * would otherwise surface mid-run or never: a misspelt {@code zdm:bached} runs its UPDATE as one statement.
 * Used by lint rule ZDM144 and by the migrate-time directive check, which refuses before anything is applied.
 */
public final class DirectiveProblems {

    /**
     * One directive that is wrong.
     *
     * @param file      the migration file name
     * @param line      1-based line of the directive
     * @param directive the directive as written, {@code -- zdm:bached key=id}
     * @param message   what is wrong and what would happen
     * @param fix       what to write instead
     * @param warning   true when it may still work (lint reports it as a warning; migrate is not refused)
     */
    public record Problem(String file, int line, String directive, String message, String fix, boolean warning) {
        /** {@code V3__backfill.sql:4: -- zdm:bached key=id: unknown directive ... Fix: ...} */
        public String describe() {
            return file + ":" + line + ": " + directive + ": " + message + " Fix: " + fix;
        }
    }

    private final SqlScript script;
    private final String[] lines;
    private final List<Problem> problems = new ArrayList<>();

    private DirectiveProblems(SqlScript script) {
        this.script = script;
        this.lines = script.text().split("\r\n|\r|\n", -1);
    }

    /** The problems of {@code script}, in line order. */
    public static List<Problem> of(SqlScript script) {
        DirectiveProblems check = new DirectiveProblems(script);
        check.run();
        check.problems.sort(java.util.Comparator.comparingInt(Problem::line));
        return List.copyOf(check.problems);
    }

    private void run() {
        List<SqlStatement> statements = script.statements();
        for (Directive d : script.fileDirectives()) {
            known(d).ifPresent(kind -> {
                if (kind.scope() == Directives.Scope.STATEMENT) {
                    SqlStatement below = statements.get(0);
                    report(d, "a blank line separates it from the statement at line " + below.line() + ", so it is attached to no"
                            + " statement: the statement would run as one plain statement, not in batches.",
                            "remove the blank line between the directive and the statement it is for.");
                }
                if (kind == Directives.PHASE) {
                    checkPhase(d);
                }
                if (kind == Directives.REQUIRE_BACKFILL) {
                    checkRequireBackfill(d);
                }
                if (kind.scope() == Directives.Scope.MIGRATION) {
                    checkColumnChange(d);
                }
            });
        }
        for (SqlStatement s : statements) {
            for (Directive d : s.directives()) {
                known(d).ifPresent(kind -> checkAttached(d, kind, s));
            }
        }
        checkTrailer();
        RollbackSection.of(script).ifPresent(section -> section.problems().forEach(p ->
                problems.add(new Problem(script.file(), p.line(), p.written(), p.message(), p.fix(), false))));
    }

    private Optional<Directives.Kind> known(Directive d) {
        Optional<Directives.Kind> kind = Directives.byName(d.name());
        if (kind.isEmpty()) {
            Optional<String> closest = DidYouMean.closest(d.name(), Directives.names());
            report(d, "unknown directive zdm:" + d.name() + closest.map(c -> " (did you mean zdm:" + c + "?)").orElse("")
                    + "; flyway-zdm knows " + String.join(", ", Directives.names().stream().map(n -> "zdm:" + n).toList())
                    + ". An unknown directive is not ignored quietly: the statement would run as if it were not there.",
                    closest.map(c -> "write -- zdm:" + c + (d.arguments().isEmpty() ? "" : " " + d.arguments()) + ".")
                            .orElse("correct the name or remove the comment."));
        }
        return kind;
    }

    private void checkAttached(Directive d, Directives.Kind kind, SqlStatement s) {
        if (kind.scope() == Directives.Scope.MIGRATION) {
            checkColumnChange(d);
            return;
        }
        if (kind.scope() == Directives.Scope.FILE && s.index() > 0) {
            report(d, "zdm:" + kind.name() + " applies to the whole migration, but it is written above the statement at line " + s.line()
                    + ", not before the first statement.", "move it to the top of the file, before the first statement: " + kind.example());
            return;
        }
        if (kind.scope() == Directives.Scope.STATEMENT && blankLineBetween(d.line(), s.line())) {
            report(d, "a blank line separates it from the statement at line " + s.line() + ", so it is attached to no statement and"
                    + " that statement would run as one plain statement, not in batches.", "remove the blank line between the directive and the statement.");
            return;
        }
        if (kind.scope() == Directives.Scope.STATEMENT && after(d, s)) {
            report(d, "zdm:" + kind.name() + " is written after the statement at line " + s.line() + "; Flyway hands a comment after"
                    + " a statement's semicolon to the statement that follows, so it would apply to the next statement or to none.",
                    "write it on the line before the statement it is for.");
            return;
        }
        if (kind == Directives.PHASE) {
            checkPhase(d);
            return;
        }
        if (kind == Directives.REQUIRE_BACKFILL) {
            checkRequireBackfill(d);
            return;
        }
        if (kind == Directives.BATCHED) {
            String comment = "-- " + BatchedSqlStatement.DIRECTIVE + (d.arguments().isEmpty() ? "" : " " + d.arguments());
            try {
                BatchedSqlStatement batched = BatchedSqlStatement.parse(comment, s.sql());
                batched.predicateWarning().ifPresent(w -> add(d, w + " (statement at line " + s.line() + ").",
                        "add the guard to the WHERE, or verify=false in the directive when one pass is what you want.", true));
            } catch (BackfillException e) {
                report(d, e.getMessage() + " (statement at line " + s.line() + ").",
                        "correct the directive or the statement; a batched statement is one UPDATE or DELETE, for example "
                                + Directives.BATCHED.example() + " above UPDATE users SET verified = false WHERE verified IS NULL;");
            }
        }
    }

    /**
     * {@code zdm:phase} needs one of the phases as its value, and a migration has one phase: a wrong value would leave
     * the migration undeclared, so a contract step could run with the expand (or an expand be held back).
     */
    private void checkPhase(Directive d) {
        Optional<String> value = PhaseDeclaration.value(d);
        String phases = String.join(", ", MigrationPhase.names());
        if (value.isEmpty()) {
            report(d, "zdm:phase needs the migration's phase as its value, one of " + phases + "; without it the migration"
                    + " declares no phase.", "write " + Directives.PHASE.example() + " (or =expand, =migrate), with no space around =.");
            return;
        }
        if (MigrationPhase.parse(value.get()).isEmpty()) {
            Optional<String> closest = DidYouMean.closest(value.get(), MigrationPhase.names());
            report(d, "unknown phase '" + value.get() + "'" + closest.map(c -> " (did you mean " + c + "?)").orElse("")
                    + "; a migration's phase is one of " + phases + ". The migration would declare no phase.",
                    closest.map(c -> "write -- zdm:phase=" + c + ".").orElse("write " + Directives.PHASE.example() + " (or =expand, =migrate)."));
            return;
        }
        Optional<MigrationPhase> first = PhaseDeclaration.of(script);
        MigrationPhase mine = MigrationPhase.parse(value.get()).orElseThrow();
        Directive firstValid = PhaseDeclaration.directives(script).stream()
                .filter(x -> PhaseDeclaration.value(x).flatMap(MigrationPhase::parse).isPresent()).findFirst().orElse(d);
        if (firstValid.line() != d.line() && first.isPresent() && first.get() != mine) {
            report(d, "the migration already declares " + first.get().directive() + " at line " + firstValid.line()
                    + "; a migration has one phase.", "keep one zdm:phase directive; split the migration if it holds both steps.");
        }
    }

    /** Directives after the last statement belong to nothing, but in a column-change migration (which has no statement). */
    private void checkTrailer() {
        boolean columnChange = script.statements().isEmpty() && !ColumnChangeDirective.find(script).isEmpty();
        for (Directive d : script.trailerDirectives()) {
            known(d).filter(kind -> kind != Directives.ROLLBACK).ifPresent(kind -> {
                if (kind.scope() == Directives.Scope.MIGRATION) {
                    checkColumnChange(d);
                } else if (columnChange && kind == Directives.PHASE) {
                    checkPhase(d);
                    PhaseDeclaration.value(d).flatMap(MigrationPhase::parse).filter(p -> p != MigrationPhase.EXPAND).ifPresent(p -> report(d,
                            "a zdm:rename-column or zdm:change-type migration is an expand migration (its contract steps wait for"
                                    + " zdm:contract on their own), so it cannot declare " + p.directive() + ".",
                            "remove the zdm:phase line or write -- zdm:phase=expand."));
                } else {
                    report(d, "it comes after the last statement, so it is attached to no statement"
                            + (script.statements().isEmpty() ? "" : " and does nothing") + ".", kind.scope() == Directives.Scope.FILE
                            ? "move it to the top of the file: " + kind.example()
                            : "put it directly above the statement it is for, without a blank line in between, or remove it.");
                }
            });
        }
    }

    /**
     * {@code zdm:rename-column} / {@code zdm:change-type}: the migration's only content (no SQL statement, one such
     * directive), with options {@link ColumnChangeDirective#parse} accepts.
     */
    private void checkColumnChange(Directive d) {
        String name = "zdm:" + d.name();
        if (!script.statements().isEmpty()) {
            SqlStatement first = script.statements().get(0);
            report(d, name + " must be the only content of its migration (comments and -- zdm:phase=expand aside), but this file also"
                    + " has " + script.statements().size() + " SQL statement(s), the first at line " + first.line()
                    + "; the statements would run and the column change would not.",
                    "move the statements to a migration of their own, before or after this one.");
            return;
        }
        List<Directive> all = ColumnChangeDirective.find(script);
        if (all.get(0).line() != d.line()) {
            report(d, "a migration holds one column change, and zdm:" + all.get(0).name() + " at line " + all.get(0).line()
                    + " is the first; this one would not run.", "move it to a migration of its own.");
            return;
        }
        try {
            ColumnChangeDirective.parse(d);
        } catch (IllegalArgumentException e) {
            report(d, e.getMessage() + ".", "correct the directive, for example " + Directives.byName(d.name()).orElseThrow().example() + ".");
        }
    }

    /** A directive on the statement's line (or below its first line) after its start: a trailing comment. */
    private boolean after(Directive d, SqlStatement s) {
        if (d.line() != s.line()) {
            return d.line() > s.line();
        }
        return commentStart(lines[d.line() - 1]) > s.column() - 1;
    }

    /** Where the directive's comment starts in its line ({@code --} or a block comment before {@code zdm:}), or -1. */
    private static int commentStart(String line) {
        int zdm = line.toLowerCase(java.util.Locale.ROOT).lastIndexOf("zdm:");
        return zdm < 0 ? -1 : Math.max(line.lastIndexOf("--", zdm), line.lastIndexOf("/*", zdm));
    }

    private boolean blankLineBetween(int directiveLine, int statementLine) {
        for (int l = directiveLine + 1; l < statementLine && l <= lines.length; l++) {
            if (lines[l - 1].isBlank()) {
                return true;
            }
        }
        return false;
    }

    /** {@code zdm:require-backfill} names the job (or the migration script) it waits for: without it nothing is required. */
    private void checkRequireBackfill(Directive d) {
        if (d.arguments().isBlank()) {
            report(d, "zdm:require-backfill needs the id of the background backfill job the migration waits for (or the script of the"
                    + " migration that declared it); without one the migration would run without waiting.",
                    "write " + Directives.REQUIRE_BACKFILL.example() + " (mvn zdm:status lists the jobs).");
        }
    }

    private void report(Directive d, String message, String fix) {
        add(d, message, fix, false);
    }

    private void add(Directive d, String message, String fix, boolean warning) {
        String line = d.line() >= 1 && d.line() <= lines.length ? lines[d.line() - 1] : "";
        int start = commentStart(line);
        String written = start >= 0 ? line.substring(start).strip() : "-- zdm:" + d.name() + (d.arguments().isEmpty() ? "" : " " + d.arguments());
        problems.add(new Problem(script.file(), d.line(), written, message, fix, warning));
    }
}
