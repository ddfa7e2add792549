package dev.zdm.core.sql;

import java.util.ArrayList;
import java.util.List;

/** Reads the subcommands of {@code ALTER TABLE}, each with its lock from {@link StatementLocks}. */
final class AlterTableParser {
    private AlterTableParser() {
    }

    /** The actions after {@code ALTER TABLE [IF EXISTS] [ONLY] name [*]}. */
    static List<AlterAction> actions(Cursor c) {
        List<AlterAction> actions = new ArrayList<>();
        while (!c.atEnd()) {
            int start = c.position();
            AlterAction action = action(c);
            // Whatever the action left unread up to the next comma belongs to it.
            c.skipToTopLevelComma();
            if (action == null) {
                action = new AlterAction.Other(c.textBetween(start, c.position()), StatementLocks.ALTER_TABLE_OTHER.level());
            }
            actions.add(action);
            if (!c.acceptSymbol(',')) {
                break;
            }
        }
        return actions;
    }

    private static AlterAction action(Cursor c) {
        if (c.accept("add")) {
            return add(c);
        }
        if (c.accept("drop")) {
            return drop(c);
        }
        if (c.accept("alter")) {
            return alterColumn(c);
        }
        if (c.accept("validate", "constraint")) {
            return new AlterAction.ValidateConstraint(c.identifier());
        }
        if (c.accept("rename")) {
            return rename(c);
        }
        if (c.accept("set")) {
            return set(c);
        }
        if (c.accept("reset")) {
            return new AlterAction.Other("RESET", StatementLocks.SET_STORAGE_PARAMETERS.level());
        }
        if (c.accept("cluster", "on")) {
            return new AlterAction.Other("CLUSTER ON", StatementLocks.CLUSTER_ON.level());
        }
        if (c.accept("attach", "partition")) {
            RelationName partition = c.qualifiedName();
            int boundStart = c.position();
            c.skipToTopLevelComma();
            return new AlterAction.AttachPartition(partition, c.textBetween(boundStart, c.position()));
        }
        if (c.accept("detach", "partition")) {
            RelationName partition = c.qualifiedName();
            boolean concurrently = c.accept("concurrently");
            boolean finalize = c.accept("finalize");
            return new AlterAction.DetachPartition(partition, concurrently, finalize);
        }
        String toggle = c.acceptAny("enable", "disable");
        if (toggle != null) {
            c.acceptAny("always", "replica");
            if (c.accept("trigger")) {
                return new AlterAction.Other(toggle.toUpperCase() + " TRIGGER", StatementLocks.TOGGLE_TRIGGER.level());
            }
            return new AlterAction.Other(toggle.toUpperCase(), StatementLocks.TOGGLE_OTHER.level());
        }
        if (c.accept("owner", "to")) {
            return new AlterAction.Other("OWNER TO", StatementLocks.OWNER_TO.level());
        }
        return null;
    }

    private static AlterAction add(Cursor c) {
        String name = null;
        if (c.accept("constraint")) {
            name = c.identifier();
        }
        ConstraintDefinition constraint = DefinitionParser.constraint(c, name);
        if (constraint != null) {
            return new AlterAction.AddConstraint(constraint);
        }
        if (name != null) {
            return null;
        }
        c.accept("column");
        boolean ifNotExists = c.accept("if", "not", "exists");
        return new AlterAction.AddColumn(DefinitionParser.column(c), ifNotExists);
    }

    private static AlterAction drop(Cursor c) {
        if (c.accept("constraint")) {
            boolean ifExists = c.accept("if", "exists");
            return new AlterAction.DropConstraint(c.identifier(), ifExists);
        }
        if (c.peek("expression") || c.peek("identity")) {
            return null;
        }
        c.accept("column");
        boolean ifExists = c.accept("if", "exists");
        return new AlterAction.DropColumn(c.identifier(), ifExists);
    }

    private static AlterAction alterColumn(Cursor c) {
        if (c.accept("constraint")) {
            return new AlterAction.Other("ALTER CONSTRAINT", StatementLocks.ALTER_CONSTRAINT.level());
        }
        c.accept("column");
        String column = c.identifier();
        if (c.accept("set", "data", "type") || c.accept("type")) {
            TypeName type = DefinitionParser.typeName(c);
            String using = null;
            while (!c.atEnd() && !c.peekSymbol(',')) {
                if (c.accept("using")) {
                    using = c.expression();
                } else if (c.accept("collate")) {
                    c.qualifiedName();
                } else {
                    c.skip();
                }
            }
            return new AlterAction.AlterColumnType(column, type, using);
        }
        if (c.accept("set", "not", "null")) {
            return new AlterAction.SetNotNull(column);
        }
        if (c.accept("drop", "not", "null")) {
            return new AlterAction.DropNotNull(column);
        }
        if (c.accept("set", "default")) {
            return new AlterAction.ColumnDefault(column, c.expression());
        }
        if (c.accept("drop", "default")) {
            return new AlterAction.ColumnDefault(column, null);
        }
        if (c.accept("set", "statistics") || c.accept("reset")) {
            return new AlterAction.Other("ALTER COLUMN SET STATISTICS", StatementLocks.COLUMN_STATISTICS.level());
        }
        if (c.peek("set") && c.position() + 1 < c.size()) {
            int at = c.position();
            c.skip();
            if (c.peekSymbol('(')) {
                return new AlterAction.Other("ALTER COLUMN SET (...)", StatementLocks.COLUMN_OPTIONS.level());
            }
            c.reset(at);
        }
        return new AlterAction.Other("ALTER COLUMN", StatementLocks.ALTER_COLUMN_OTHER.level());
    }

    private static AlterAction rename(Cursor c) {
        if (c.accept("to")) {
            return new AlterAction.RenameTable(c.identifier());
        }
        if (c.accept("constraint")) {
            String from = c.identifier();
            c.accept("to");
            return new AlterAction.RenameConstraint(from, c.identifier());
        }
        c.accept("column");
        String from = c.identifier();
        c.accept("to");
        return new AlterAction.RenameColumn(from, c.identifier());
    }

    private static AlterAction set(Cursor c) {
        if (c.accept("tablespace")) {
            return new AlterAction.SetTablespace(c.identifier());
        }
        if (c.accept("logged")) {
            return new AlterAction.SetLogged(true);
        }
        if (c.accept("unlogged")) {
            return new AlterAction.SetLogged(false);
        }
        if (c.accept("without", "cluster")) {
            return new AlterAction.Other("SET WITHOUT CLUSTER", StatementLocks.CLUSTER_ON.level());
        }
        if (c.peekSymbol('(')) {
            return new AlterAction.Other("SET (storage parameters)", StatementLocks.SET_STORAGE_PARAMETERS.level());
        }
        if (c.accept("schema")) {
            return new AlterAction.Other("SET SCHEMA", StatementLocks.SET_SCHEMA.level());
        }
        if (c.accept("access", "method")) {
            return new AlterAction.SetAccessMethod(c.identifier());
        }
        return null;
    }
}
