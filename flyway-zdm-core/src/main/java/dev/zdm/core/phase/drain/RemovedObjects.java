package dev.zdm.core.phase.drain;

import dev.zdm.core.phase.drain.RemovedObject.Change;
import dev.zdm.core.sql.AlterAction;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.SqlScript;
import dev.zdm.core.sql.SqlStatement;
import dev.zdm.core.sql.StatementDetail;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a contract script takes away from code written before it, read from the statement model (names folded or
 * unquoted as PostgreSQL reads them): {@code DROP TABLE}, {@code DROP VIEW}, {@code DROP MATERIALIZED VIEW} (every name),
 * and the ALTER TABLE actions {@code DROP COLUMN}, {@code RENAME COLUMN} / {@code RENAME a TO b} (the old name),
 * {@code RENAME TO} (the old table name) and {@code ALTER COLUMN ... TYPE}, every action of a statement with several.
 * <p>
 * Not listed: {@code SET NOT NULL}, new constraints and the like. They break old code that writes rows without the
 * column, which no query names, so no statement can be matched to them; the sessions, soak and confirmation sources
 * cover them. A statement the analyzer does not follow adds nothing.
 */
public final class RemovedObjects {
    private RemovedObjects() {
    }

    /** In script order, each object once. */
    public static List<RemovedObject> of(SqlScript script) {
        Set<RemovedObject> out = new LinkedHashSet<>();
        for (SqlStatement statement : script.statements()) {
            StatementDetail detail = statement.model().detail();
            if (detail instanceof StatementDetail.Drop drop && isRelationDrop(drop)) {
                drop.names().forEach(name -> out.add(new RemovedObject(name, null, Change.DROPPED)));
            } else if (detail instanceof StatementDetail.AlterTable alter && alter.table() != null) {
                for (AlterAction action : alter.actions()) {
                    RemovedObject removed = removed(alter.table(), action);
                    if (removed != null) {
                        out.add(removed);
                    }
                }
            }
        }
        return List.copyOf(new ArrayList<>(out));
    }

    private static boolean isRelationDrop(StatementDetail.Drop drop) {
        return switch (drop.objectType()) {
            case "TABLE", "VIEW", "MATERIALIZED VIEW" -> true;
            default -> false;
        };
    }

    private static RemovedObject removed(RelationName table, AlterAction action) {
        if (action instanceof AlterAction.DropColumn drop && drop.column() != null) {
            return new RemovedObject(table, drop.column(), Change.DROPPED);
        }
        if (action instanceof AlterAction.RenameColumn rename && rename.from() != null) {
            return new RemovedObject(table, rename.from(), Change.RENAMED);
        }
        if (action instanceof AlterAction.RenameTable) {
            return new RemovedObject(table, null, Change.RENAMED);
        }
        if (action instanceof AlterAction.AlterColumnType type && type.column() != null) {
            return new RemovedObject(table, type.column(), Change.RETYPED);
        }
        return null;
    }
}
