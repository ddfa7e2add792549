package dev.zdm.core.lint.rules;

import dev.zdm.core.ddl.DerivedNames;
import dev.zdm.core.ddl.QualifiedName;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.AlterAction;
import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.StatementDetail;
import dev.zdm.core.sql.StatementModel;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small helpers the rules share to read statements and write fixes with the user's own names. */
final class Sql {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    static final String OWN_MIGRATION = "Put it in a migration of its own: Flyway then runs it outside a transaction.";

    private Sql() {
    }

    /** The ALTER TABLE actions of the statement, or an empty list. */
    static List<AlterAction> actions(StatementModel model) {
        return model.detail(StatementDetail.AlterTable.class).map(StatementDetail.AlterTable::actions).orElse(List.of());
    }

    /**
     * The ALTER TABLE actions of the statement when its table existed before this migration run: on a table the
     * same run creates, locks and rewrites cost nothing and nobody uses it yet, so the rules stay quiet.
     */
    static List<AlterAction> actionsOnExistingTable(StatementContext ctx) {
        RelationName table = ctx.model().table();
        if (table == null || ctx.isNew(table)) {
            return List.of();
        }
        // ALTER TABLE IF EXISTS of a table the run dropped or renamed away does nothing.
        boolean noOp = ctx.model().detail(StatementDetail.AlterTable.class).map(StatementDetail.AlterTable::ifExists).orElse(false)
                && ctx.knownAbsent(table);
        return noOp ? List.of() : actions(ctx.model());
    }

    /** {@link #actionsOnExistingTable(StatementContext)} of one kind. */
    static <T extends AlterAction> List<T> actionsOnExistingTable(StatementContext ctx, Class<T> kind) {
        return actionsOnExistingTable(ctx).stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    static String name(RelationName relation) {
        return relation == null ? "the table" : relation.display();
    }

    static String id(String identifier) {
        return identifier == null ? "?" : Identifiers.display(identifier);
    }

    /** Inserts {@code insert} after the first match of {@code afterRegex} (case-insensitive) in {@code sql}. */
    static String insertAfter(String sql, String afterRegex, String insert) {
        Matcher m = Pattern.compile(afterRegex, Pattern.CASE_INSENSITIVE).matcher(sql);
        if (!m.find()) {
            return sql;
        }
        return sql.substring(0, m.end()) + insert + sql.substring(m.end());
    }

    /** Removes the first match of {@code regex} (case-insensitive). */
    static String remove(String sql, String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(sql).replaceFirst("");
    }

    /** A constraint or index name from a table and column, as flyway-zdm's operations make one ({@link DerivedNames}). */
    static String derivedName(RelationName table, String column, String suffix) {
        return Identifiers.display(DerivedNames.derivedName(table == null ? "t" : table.name(), column == null ? "col" : column, suffix));
    }

    /** A table or index as the safe DDL operations take it, for their plans ({@code t} when the statement names none). */
    static QualifiedName qualified(RelationName table) {
        return table == null ? QualifiedName.of("t") : new QualifiedName(table.schema(), table.name());
    }

    /** Whitespace runs collapsed to one space, trimmed. */
    static String oneLineFull(String sql) {
        return WHITESPACE.matcher(sql.strip()).replaceAll(" ");
    }

    /** The statement as written, for fixes: complete (never cut) and with its own line breaks and comments. */
    static String asWritten(String sql) {
        return sql.strip();
    }

    /** The statement collapsed to one line and cut at 120 characters, for messages (never for fixes). */
    static String oneLine(String sql) {
        String s = oneLineFull(sql);
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
