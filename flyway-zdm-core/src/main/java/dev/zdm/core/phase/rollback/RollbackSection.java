package dev.zdm.core.phase.rollback;

import dev.zdm.core.sql.Directive;
import dev.zdm.core.sql.Directives;
import dev.zdm.core.sql.SqlScript;
import dev.zdm.core.sql.SqlStatement;
import dev.zdm.core.sql.StatementKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The rollback a SQL migration carries in its own file: a line {@code -- zdm:rollback}, then, to the end of the file,
 * the rollback SQL with every line written as a {@code --} comment, so that plain Flyway (or flyway-zdm switched off)
 * never runs it:
 * <pre>
 * ALTER TABLE users ADD COLUMN nickname text;
 *
 * -- zdm:rollback
 * -- ALTER TABLE users DROP COLUMN IF EXISTS nickname;
 * </pre>
 * The {@code -- } prefix of each line is taken off and the rest is read by the project's SQL analyzer; statement line
 * numbers are the file's. A marker with no SQL below it says "nothing to undo" ({@link #nothingToUndo()}), for a
 * migration that only adds data the old version ignores, which is not the same as having no rollback
 * ({@link #of} empty). A line below the marker that is not a comment would run at migrate: it is one of the
 * {@link #problems()}, which lint rule ZDM144 and the migrate-time directive check report.
 */
public final class RollbackSection {
    private final String file;
    private final int markerLine;
    private final SqlScript rollback;
    private final List<Problem> problems;
    private final String noneReason;

    /**
     * Something wrong with a rollback section.
     *
     * @param line    1-based line in the migration file
     * @param written the line as written
     * @param message what is wrong and what would happen
     * @param fix     what to write instead
     */
    public record Problem(int line, String written, String message, String fix) {
    }

    private RollbackSection(String file, int markerLine, SqlScript rollback, List<Problem> problems, String noneReason) {
        this.noneReason = noneReason;
        this.file = file;
        this.markerLine = markerLine;
        this.rollback = rollback;
        this.problems = List.copyOf(problems);
    }

    /** The rollback section of {@code script}, or empty when it has no {@code -- zdm:rollback} line. */
    public static Optional<RollbackSection> of(SqlScript script) {
        List<Directive> markers = markers(script);
        if (markers.isEmpty()) {
            return Optional.empty();
        }
        Directive marker = markers.get(0);
        String[] lines = script.text().split("\r\n|\r|\n", -1);
        List<Problem> problems = new ArrayList<>();
        String markerText = lines[marker.line() - 1].strip();
        if (!markerText.startsWith("--")) {
            problems.add(new Problem(marker.line(), markerText, "-- zdm:rollback shares its line with SQL; the rollback starts on a"
                    + " line of its own.", "put -- zdm:rollback on a line of its own, after the migration's last statement."));
        }
        String arguments = marker.arguments().strip();
        boolean none = arguments.equalsIgnoreCase("none") || arguments.toLowerCase(java.util.Locale.ROOT).startsWith("none ");
        String noneReason = none ? arguments.substring(4).strip() : null;
        if (none && noneReason.isEmpty()) {
            problems.add(new Problem(marker.line(), markerText, "-- zdm:rollback none gives no reason why the migration needs no undo.",
                    "say why: -- zdm:rollback none <reason>, e.g. -- zdm:rollback none the old values were wrong"));
        }
        if (none) {
            // "needs no undo" may stand anywhere (at the top, as a note): no section follows it
            return Optional.of(new RollbackSection(script.file(), marker.line(), SqlScript.parse(script.file(), ""), problems, noneReason));
        }
        if (markerText.startsWith("--") && !arguments.isEmpty()) {
            problems.add(new Problem(marker.line(), markerText, "zdm:rollback takes nothing on its own line; the rollback SQL is"
                    + " the comment lines below it.", "write -- zdm:rollback alone on its line and the rollback below it, each line"
                    + " as a -- comment: -- " + marker.arguments()));
        }
        StringBuilder sql = new StringBuilder("\n".repeat(marker.line()));
        for (int i = marker.line(); i < lines.length; i++) {
            String line = lines[i].strip();
            int lineNumber = i + 1;
            if (line.startsWith("--")) {
                String content = line.substring(2);
                sql.append(content.startsWith(" ") ? content.substring(1) : content);
                Directive.parse(line, lineNumber).filter(d -> d.is(Directives.ROLLBACK.name())).ifPresent(d -> problems.add(
                        new Problem(lineNumber, line, "a second -- zdm:rollback; a migration has one rollback section (the first is at"
                                + " line " + marker.line() + ").", "remove this line; the section runs from the first marker to the end of the file.")));
            } else if (!line.isEmpty()) {
                problems.add(new Problem(lineNumber, line, "this line comes after -- zdm:rollback (line " + marker.line()
                        + ") but is not a -- comment: Flyway would run it at migrate, and the rollback would not see it.",
                        "write every line of the rollback as a -- comment (-- " + line + "), or move the migration's own SQL above"
                                + " the -- zdm:rollback line."));
            }
            sql.append('\n');
        }
        SqlScript rollback = SqlScript.parse(script.file(), sql.toString());
        for (SqlStatement s : rollback.statements()) {
            if (s.model().kind() == StatementKind.TRANSACTION_CONTROL) {
                problems.add(new Problem(s.line(), "-- " + s.sql(), "the rollback controls its own transaction ("
                        + s.sql() + "); zdm:rollback runs each rollback in transactions of its own, with a short lock_timeout per"
                        + " attempt, and statements such as DROP INDEX CONCURRENTLY alone outside them.",
                        "remove BEGIN/COMMIT/ROLLBACK from the rollback."));
            }
        }
        problems.sort(Comparator.comparingInt(Problem::line));
        return Optional.of(new RollbackSection(script.file(), marker.line(), rollback, problems, noneReason));
    }

    /** The {@code zdm:rollback} directives of the script in line order: file, statement and trailing ones. */
    private static List<Directive> markers(SqlScript script) {
        return script.allDirectives().stream().filter(d -> d.is(Directives.ROLLBACK.name())).toList();
    }

    /** The migration file. */
    public String file() {
        return file;
    }

    /** 1-based line of {@code -- zdm:rollback}. */
    public int markerLine() {
        return markerLine;
    }

    /** The rollback statements, uncommented, with the file's line numbers; empty for "nothing to undo". */
    public List<SqlStatement> statements() {
        return rollback.statements();
    }

    /** True when the marker has no SQL below it: the migration declares that undoing it needs no statement. */
    public boolean nothingToUndo() {
        return rollback.statements().isEmpty();
    }

    /**
     * Why the migration needs no undo, for {@code -- zdm:rollback none <reason>} (a data fix, a counter); empty for a
     * section of SQL or a marker alone.
     */
    public Optional<String> noneReason() {
        return Optional.ofNullable(noneReason);
    }

    /** What is wrong with the section; a section with problems is refused by {@code zdm:rollback} and at migrate. */
    public List<Problem> problems() {
        return problems;
    }

    /** The section as a script the runner takes. */
    public RollbackScript script() {
        return new RollbackScript(file + " (-- zdm:rollback at line " + markerLine + ")", rollback.statements());
    }
}
