package dev.zdm.core.phase;

import dev.zdm.core.sql.Directive;
import dev.zdm.core.sql.Directives;
import dev.zdm.core.sql.SqlScript;
import dev.zdm.core.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The phase a SQL migration declares with {@code -- zdm:phase=expand|migrate|contract} before its first statement.
 * <pre>
 * Optional&lt;MigrationPhase&gt; phase = PhaseDeclaration.of(SqlScript.parse("V7__drop_legacy.sql", text));
 * </pre>
 * A directive with an unknown or missing value declares nothing here; {@code dev.zdm.core.lint.DirectiveProblems}
 * reports it (lint ZDM144, and the migrate-time check refuses it before anything is applied).
 */
public final class PhaseDeclaration {
    private PhaseDeclaration() {
    }

    /**
     * The phase {@code script} declares, or empty when it declares none (or only a wrong one). A migration that is one
     * column change ({@code -- zdm:rename-column}, {@code -- zdm:change-type}: no statement) is an expand unless it says
     * otherwise (which lint reports).
     */
    public static Optional<MigrationPhase> of(SqlScript script) {
        for (Directive d : directives(script)) {
            Optional<MigrationPhase> phase = value(d).flatMap(MigrationPhase::parse);
            if (phase.isPresent()) {
                return phase;
            }
        }
        return isColumnChange(script) ? Optional.of(MigrationPhase.EXPAND) : Optional.empty();
    }

    /** A migration without statements whose comments hold a {@code zdm:rename-column} or {@code zdm:change-type}. */
    private static boolean isColumnChange(SqlScript script) {
        return script.statements().isEmpty() && script.trailerDirectives().stream()
                .anyMatch(d -> Directives.byName(d.name()).filter(k -> k.scope() == Directives.Scope.MIGRATION).isPresent());
    }

    /**
     * The phase the lint and the gate treat {@code script} as: its declared phase, else, with {@link PhaseMode#STRICT}
     * and a breaking statement in it, {@link MigrationPhase#CONTRACT}; else empty (undeclared).
     */
    public static Optional<MigrationPhase> effective(SqlScript script, PhaseMode mode, boolean hasBreakingStatement) {
        Optional<MigrationPhase> declared = of(script);
        if (declared.isPresent() || mode != PhaseMode.STRICT || !hasBreakingStatement) {
            return declared;
        }
        return Optional.of(MigrationPhase.CONTRACT);
    }

    /**
     * The value written after {@code zdm:phase}: {@code contract} for {@code -- zdm:phase=contract}; empty when no
     * {@code =value} follows the name.
     */
    public static Optional<String> value(Directive d) {
        String args = d.arguments().strip();
        if (!args.startsWith("=")) {
            return Optional.empty();
        }
        String rest = args.substring(1).strip();
        String word = rest.isEmpty() ? "" : rest.split("\\s+", 2)[0];
        return word.isEmpty() ? Optional.empty() : Optional.of(word);
    }

    /** The {@code zdm:phase} directives before the first statement (file directives and those of the first statement). */
    public static List<Directive> directives(SqlScript script) {
        List<Directive> out = new ArrayList<>();
        for (Directive d : script.fileDirectives()) {
            if (d.is(Directives.PHASE.name())) {
                out.add(d);
            }
        }
        List<SqlStatement> statements = script.statements();
        if (isColumnChange(script)) {
            script.trailerDirectives().stream().filter(d -> d.is(Directives.PHASE.name())).forEach(out::add);
        } else if (!statements.isEmpty()) {
            for (Directive d : statements.get(0).directives()) {
                if (d.is(Directives.PHASE.name()) && d.line() <= statements.get(0).line()) {
                    out.add(d);
                }
            }
        }
        return out;
    }
}
