package dev.zdm.flyway.internal.checklist;

import dev.zdm.core.phase.rollback.RollbackSection;
import dev.zdm.core.report.Location;
import dev.zdm.core.sql.SqlScript;

import dev.zdm.core.lint.MigrationVersion;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.SqlStatement;
import dev.zdm.core.sql.StatementDetail;
import dev.zdm.core.sql.StatementKind;
import dev.zdm.core.sql.StatementModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * ZDC05: every pending migration has a rollback: a {@code -- zdm:rollback} section, an undo migration
 * {@code U<version>__*.sql} in the locations, or {@code -- zdm:rollback none <reason>}. A migration that only creates
 * new objects (without IF NOT EXISTS, so they did not exist before) is ticked too: its rollback is dropping them, which
 * the evidence spells out, and nothing outside the run uses them yet.
 */
final class RollbackItem implements ChecklistItem {
    private static final Pattern OR_REPLACE_OR_IF_NOT_EXISTS = Pattern.compile("(?is)^\\s*create\\s+or\\s+replace\\b.*|.*\\bif\\s+not\\s+exists\\b.*");
    /** What dropping an object of each kind the run created takes, in the drop statement's words. */
    private static final Map<StatementKind, String> DROPS = Map.of(StatementKind.CREATE_TABLE, "DROP TABLE",
            StatementKind.CREATE_TABLE_AS, "DROP TABLE", StatementKind.CREATE_INDEX, "DROP INDEX CONCURRENTLY",
            StatementKind.CREATE_VIEW, "DROP VIEW", StatementKind.CREATE_MATERIALIZED_VIEW, "DROP MATERIALIZED VIEW",
            StatementKind.CREATE_SEQUENCE, "DROP SEQUENCE", StatementKind.CREATE_TYPE, "DROP TYPE",
            StatementKind.CREATE_DOMAIN, "DROP DOMAIN", StatementKind.CREATE_SCHEMA, "DROP SCHEMA");
    /** Statements that change nothing a rollback must undo beyond the objects the migration creates. */
    private static final List<StatementKind> NEUTRAL = List.of(StatementKind.SET, StatementKind.RESET, StatementKind.COMMENT);

    @Override
    public String id() {
        return "ZDC05";
    }

    @Override
    public String name() {
        return "rollback-plan";
    }

    @Override
    public String question() {
        return "Rollback plan ready?";
    }

    @Override
    public String summary() {
        return "Every pending migration has a -- zdm:rollback section, an undo migration U<version>__*.sql or a declared "
                + "-- zdm:rollback none <reason>: what mvn zdm:rollback runs";
    }

    @Override
    public String why() {
        return "When the release misbehaves the way back must be known before it is needed: written, reviewed and ordered "
                + "(undo the code's use first, then the schema). Flyway's free edition has no undo, so without a written "
                + "rollback the team improvises SQL on production under pressure. mvn zdm:rollback runs what is written, and refuses "
                + "a migration without it; for a migration that only creates new objects the report shows the DROP statements "
                + "to write.";
    }

    @Override
    public String fix() {
        return "Add a -- zdm:rollback section with the statements that undo the migration (or an undo migration "
                + "U<version>__<description>.sql next to it, each line of the section a -- comment); when nothing needs undoing (a data fix that stays right), say so "
                + "with -- zdm:rollback none <reason>.";
    }

    @Override
    public ItemOutcome judge(ChecklistContext context) {
        List<Evidence> lines = new ArrayList<>();
        for (PendingMigration m : context.pending()) {
            lines.add(judge(context, m));
        }
        for (String unreadable : context.unreadable()) {
            lines.add(Evidence.unknown(Location.file(unreadable), "not a SQL migration: its rollback cannot be read",
                    "write its rollback down (an undo migration or the team's runbook) and check it by hand"));
        }
        long ready = lines.stream().filter(e -> e.tick() == Tick.TICKED).count();
        String summary = lines.isEmpty() ? "nothing pending"
                : ready + " of " + lines.size() + (lines.size() == 1 ? " pending migration has" : " pending migrations have") + " a rollback";
        return new ItemOutcome(summary, lines);
    }

    private static Evidence judge(ChecklistContext context, PendingMigration m) {
        Optional<RollbackSection> section = RollbackSection.of(SqlScript.parse(m.fileName(), m.sql().text()));
        if (section.isPresent()) {
            RollbackSection r = section.get();
            if (!r.problems().isEmpty()) {
                return Evidence.unticked(Location.file(m.fileName()), "-- zdm:rollback at line " + r.markerLine() + " cannot be run: "
                        + r.problems().get(0).message(), r.problems().get(0).fix());
            }
            if (r.noneReason().isPresent()) {
                return Evidence.ticked(Location.file(m.fileName()), "needs no rollback (line " + r.markerLine() + "): " + r.noneReason().get());
            }
            return r.nothingToUndo()
                    ? Evidence.ticked(Location.file(m.fileName()), "declares nothing to undo (-- zdm:rollback alone at line " + r.markerLine() + ")")
                    : Evidence.ticked(Location.file(m.fileName()), "rollback section at line " + r.markerLine() + " (-- zdm:rollback, "
                            + r.statements().size() + " statement(s))");
        }
        Optional<String> undo = undoFile(context, m);
        if (undo.isPresent()) {
            return Evidence.ticked(Location.file(m.fileName()), "undo migration " + undo.get());
        }
        Optional<List<String>> drops = dropsOfNewObjects(m);
        if (drops.isPresent()) {
            // zdm:rollback needs it written down: say exactly what to write
            return Evidence.unticked(Location.file(m.fileName()), "creates only new objects, but no rollback is written",
                    "add at its end: -- zdm:rollback, then " + String.join(" ", drops.get().stream().map(d -> "-- " + d + ";").toList())
                            + (drops.get().stream().anyMatch(d -> d.startsWith("DROP TABLE")) ? " (rows written to a new table since are lost)" : ""));
        }
        String undoName = m.version() == null ? "an undo migration" : "undo migration U" + m.version() + "__*.sql";
        return Evidence.unticked(Location.file(m.fileName()), "no -- zdm:rollback section, no " + undoName + ", and it changes existing objects",
                "add a -- zdm:rollback section that undoes it (each line a -- comment), or -- zdm:rollback none <reason>");
    }

    /** An undo migration of the same version in the locations: {@code U3__x.sql} for {@code V3__x.sql}. */
    private static Optional<String> undoFile(ChecklistContext context, PendingMigration m) {
        if (m.version() == null) {
            return Optional.empty();
        }
        MigrationVersion version = MigrationVersion.parse(m.version());
        for (String name : context.locationFiles()) {
            int separator = name.indexOf("__");
            if (name.startsWith("U") && separator > 1 && name.endsWith(".sql")) {
                try {
                    if (MigrationVersion.parse(name.substring(1, separator).replace('_', '.')).compareTo(version) == 0) {
                        return Optional.of(name);
                    }
                } catch (IllegalArgumentException e) {
                    // not a versioned name: not an undo migration
                }
            }
        }
        return Optional.empty();
    }

    /** The statements that drop what {@code m} creates, last first, when it does nothing else; empty otherwise. */
    private static Optional<List<String>> dropsOfNewObjects(PendingMigration m) {
        List<String> drops = new ArrayList<>();
        if (m.sql().statements().isEmpty()) {
            return Optional.empty();
        }
        for (SqlStatement s : m.sql().statements()) {
            StatementModel model = s.model();
            if (NEUTRAL.contains(model.kind())) {
                continue;
            }
            String drop = DROPS.get(model.kind());
            RelationName created = model.created() != null ? model.created()
                    : model.kind() == StatementKind.CREATE_INDEX ? null : model.table();
            if (drop == null || !model.analyzed() || created == null || OR_REPLACE_OR_IF_NOT_EXISTS.matcher(s.sql()).matches()
                    || model.detail(StatementDetail.CreateIndex.class).map(StatementDetail.CreateIndex::ifNotExists).orElse(false)
                    || model.detail(StatementDetail.CreateTable.class).map(StatementDetail.CreateTable::ifNotExists).orElse(false)) {
                return Optional.empty();
            }
            drops.add(0, drop + " " + created.display());
        }
        return drops.isEmpty() ? Optional.empty() : Optional.of(drops);
    }
}
