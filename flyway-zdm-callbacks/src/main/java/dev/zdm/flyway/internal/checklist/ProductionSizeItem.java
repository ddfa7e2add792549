package dev.zdm.flyway.internal.checklist;

import dev.zdm.core.lint.Finding;
import dev.zdm.core.report.Location;
import dev.zdm.core.sql.RelationLock;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.text.Durations;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ZDC01: the pending migrations ran on a production-size dataset. The evidence lists, for every existing table a pending
 * statement touches, its size on the target and the analyzer's reading of each statement (lock, rewrite, scan, lint
 * findings). Only a rehearsal ticks it: a recorded run of the same checksums on a database whose touched tables held at
 * least {@link ChecklistContext#rehearsalFraction()} of the target's rows. Without one it is unknown.
 */
final class ProductionSizeItem implements ChecklistItem {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Override
    public String id() {
        return "ZDC01";
    }

    @Override
    public String name() {
        return "production-size";
    }

    @Override
    public String question() {
        return "Tested on production-size dataset?";
    }

    @Override
    public String summary() {
        return "A rehearsal of the same migrations (same checksums) ran on tables holding at least half the target's rows "
                + "(configurable); the evidence lists each touched table's size and what each statement does to it";
    }

    @Override
    public String why() {
        return "A migration that takes 50 ms on a developer's database can hold a lock for minutes on production's tables: "
                + "an index build, a rewrite or a validation scan grows with the rows. Only a run on data of the real size "
                + "shows the real durations and locks; the table sizes and the analyzer's reading say where to look.";
    }

    @Override
    public String fix() {
        return "Restore a recent copy of the target (a backup) and run mvn zdm:rehearse -Dzdm.rehearsalUrl=<its JDBC URL> with "
                + "the same migrations; it applies them there and appends the checksums, table sizes and timings this item "
                + "compares to zdm-rehearsals.json in the project (commit it with the migrations).";
    }

    @Override
    public ItemOutcome judge(ChecklistContext context) throws SQLException {
        List<Evidence> lines = new ArrayList<>();
        Map<String, TableSize> tables = new LinkedHashMap<>();
        List<Evidence> statements = new ArrayList<>();
        boolean unknownSizes = false;
        for (PendingStatement s : context.statements()) {
            Set<RelationName> touched = new LinkedHashSet<>();
            for (RelationLock lock : s.statement().model().locks()) {
                touched.add(lock.relation());
            }
            List<String> existing = new ArrayList<>();
            for (RelationName r : touched) {
                TableState state = TableState.of(context, s, r);
                if (state.kind() == TableState.Kind.SIZED && state.size().holdsRows()) {
                    tables.putIfAbsent(state.relation(), state.size());
                    existing.add(state.relation());
                } else if (state.kind() == TableState.Kind.UNKNOWN) {
                    unknownSizes = true;
                    existing.add(r.display());
                }
            }
            if (!s.statement().model().analyzed()) {
                // Procedural code (DO, CALL) or a form the analyzer does not read: only a rehearsal can tell.
                unknownSizes = true;
                statements.add(Evidence.info(s.location(), StatementVerdict.describe(s, List.of())));
            } else if (!existing.isEmpty()) {
                List<Finding> findings = context.findingsAt(s);
                statements.add(Evidence.info(s.location(), StatementVerdict.describe(s, findings)));
            }
        }
        for (TableSize t : tables.values()) {
            lines.add(Evidence.info(Location.object("table", t.relation()), t.describe() + " on the target"));
        }
        lines.addAll(statements);
        for (String unreadable : context.unreadable()) {
            lines.add(Evidence.unknown(Location.file(unreadable), "not a SQL migration: the analyzer cannot see which tables it touches",
                    "rehearse it: mvn zdm:rehearse against a restored copy of the target"));
        }
        if (!context.online()) {
            lines.add(Evidence.unknown(Location.object("database", "target"), "no database configured: table sizes unknown",
                    "run zdm:checklist with the target's flyway.url, and mvn zdm:rehearse against a restored copy of it"));
            return new ItemOutcome("offline: " + statements.size() + " statements on tables whose size is unknown", lines);
        }
        if (tables.isEmpty() && !unknownSizes) {
            lines.add(Evidence.ticked(Location.object("database", "target"), "the pending migrations touch no table that holds data on the target: its "
                    + "size cannot make them slower"));
            return new ItemOutcome("no existing table touched by " + context.scope(), lines);
        }
        String summary = tables.size() + (tables.size() == 1 ? " existing table" : " existing tables") + " touched, largest "
                + tables.values().stream().max((a, b) -> Long.compare(a.rows(), b.rows())).map(TableSize::describe).orElse("?");
        lines.addAll(rehearsal(context, tables));
        return new ItemOutcome(summary, lines);
    }

    private static List<Evidence> rehearsal(ChecklistContext context, Map<String, TableSize> tables) throws SQLException {
        Map<String, Integer> checksums = new LinkedHashMap<>();
        for (PendingMigration m : context.pending()) {
            if (m.checksum() != null) {
                checksums.put(m.script(), m.checksum());
            }
        }
        Optional<Rehearsal> found = context.rehearsals().latest(checksums);
        if (found.isEmpty()) {
            return List.of(Evidence.unknown(Location.object("rehearsal", "rehearsal"), "no rehearsal of these migrations is recorded",
                    "run mvn zdm:rehearse against a restored copy of the target"));
        }
        Rehearsal r = found.get();
        String which = "the rehearsal of " + WHEN.format(r.ranAt()) + " on " + r.database();
        List<String> changed = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Integer> e : checksums.entrySet()) {
            Integer rehearsed = r.checksums().get(e.getKey());
            if (rehearsed == null) {
                missing.add(e.getKey());
            } else if (!e.getValue().equals(rehearsed)) {
                changed.add(e.getKey());
            }
        }
        if (!changed.isEmpty() || !missing.isEmpty()) {
            String what = (changed.isEmpty() ? "" : "ran other contents of " + String.join(", ", changed) + " (checksums differ)")
                    + (changed.isEmpty() || missing.isEmpty() ? "" : " and ")
                    + (missing.isEmpty() ? "" : "did not run " + String.join(", ", missing));
            return List.of(Evidence.unknown(Location.object("rehearsal", "rehearsal"), which + " " + what + ": it does not test these migrations",
                    "run mvn zdm:rehearse again with the migrations as they are now"));
        }
        List<Evidence> out = new ArrayList<>();
        for (TableSize t : tables.values()) {
            Long rehearsed = r.tableRows().get(t.relation());
            long needed = (long) Math.ceil(t.rows() * context.rehearsalFraction());
            String share = percent(context.rehearsalFraction());
            if (rehearsed == null) {
                out.add(Evidence.unticked(Location.object("table", t.relation()), which + " recorded no size for it",
                        "rehearse on a restored copy of the target that holds this table"));
            } else if (rehearsed < needed) {
                out.add(Evidence.unticked(Location.object("table", t.relation()), which + " had about " + String.format(Locale.ROOT, "%,d", rehearsed)
                        + " rows, below " + share + " of the target's " + String.format(Locale.ROOT, "%,d", t.rows()),
                        "rehearse on a restored copy of the target (a recent backup), not on a developer's data"));
            } else {
                out.add(Evidence.ticked(Location.object("table", t.relation()), which + " had about " + String.format(Locale.ROOT, "%,d", rehearsed) + " rows ("
                        + (t.rows() == 0 ? "the target has none" : percent((double) rehearsed / t.rows()) + " of the target's") + ")"));
            }
        }
        r.timings().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.add(Evidence.info(Location.file(e.getKey()), "took " + Durations.format(e.getValue()) + " in the rehearsal")));
        for (UnpredictedLock u : r.unpredictedLocks()) {
            if (checksums.containsKey(u.script())) {
                out.add(Evidence.info(Location.file(u.script()), "the rehearsal saw it hold " + u.mode() + " on " + u.relation() + " for about "
                        + Durations.format(u.heldFor()) + (u.predicted() == null ? ", a lock the analyzer did not predict"
                        : ", stronger than the " + u.predicted() + " the analyzer predicted") + " (running: " + u.statement() + ")"));
            }
        }
        return out;
    }

    private static String percent(double fraction) {
        return Math.round(fraction * 100) + "%";
    }
}
