package dev.zdm.core.sql;

/** One subcommand of ALTER TABLE, with the lock it takes on the table ({@link StatementLocks}). */
public sealed interface AlterAction {

    /** The lock this subcommand takes on the altered table. */
    LockLevel lock();

    record AddColumn(ColumnDefinition column, boolean ifNotExists) implements AlterAction {
        public LockLevel lock() {
            return StatementLocks.ADD_COLUMN.level();
        }
    }

    record DropColumn(String column, boolean ifExists) implements AlterAction {
        public LockLevel lock() {
            return StatementLocks.DROP_COLUMN.level();
        }
    }

    /** {@code ALTER COLUMN c [SET DATA] TYPE t [USING expr]}. */
    record AlterColumnType(String column, TypeName type, String using) implements AlterAction {
        public LockLevel lock() {
            return StatementLocks.ALTER_COLUMN_TYPE.level();
        }
    }

    record SetNotNull(String column) implements AlterAction {
        public LockLevel lock() {
            return StatementLocks.SET_NOT_NULL.level();
        }
    }

    record DropNotNull(String column) implements AlterAction {
        public LockLevel lock() {
            return StatementLocks.DROP_NOT_NULL.level();
        }
    }

    /** {@code SET DEFAULT expr} ({@code expression} non-null) or {@code DROP DEFAULT}. */
    record ColumnDefault(String column, String expression) implements AlterAction {
        public LockLevel lock() {
            return StatementLocks.COLUMN_DEFAULT.level();
        }
    }

    record AddConstraint(ConstraintDefinition constraint) implements AlterAction {
        public LockLevel lock() {
            return (constraint.type() == ConstraintDefinition.Type.FOREIGN_KEY ? StatementLocks.ADD_FOREIGN_KEY : StatementLocks.ADD_CONSTRAINT).level();
        }
    }

    record ValidateConstraint(String name) implements AlterAction {
        public LockLevel lock() {
            return StatementLocks.VALIDATE_CONSTRAINT.level();
        }
    }

    record DropConstraint(String name, boolean ifExists) implements AlterAction {
        public LockLevel lock() {
            return StatementLocks.DROP_CONSTRAINT.level();
        }
    }

    record RenameColumn(String from, String to) implements AlterAction {
        public LockLevel lock() {
            return StatementLocks.RENAME_COLUMN.level();
        }
    }

    record RenameTable(String to) implements AlterAction {
        public LockLevel lock() {
            return StatementLocks.RENAME_TABLE.level();
        }
    }

    record RenameConstraint(String from, String to) implements AlterAction {
        public LockLevel lock() {
            return StatementLocks.RENAME_CONSTRAINT.level();
        }
    }

    record SetTablespace(String tablespace) implements AlterAction {
        public LockLevel lock() {
            return StatementLocks.SET_TABLESPACE.level();
        }
    }

    /** {@code SET LOGGED} ({@code logged}) or {@code SET UNLOGGED}: both rewrite the table. */
    record SetLogged(boolean logged) implements AlterAction {
        public LockLevel lock() {
            return StatementLocks.SET_LOGGED.level();
        }
    }

    /** {@code SET ACCESS METHOD}: rewrites the table. */
    record SetAccessMethod(String method) implements AlterAction {
        public LockLevel lock() {
            return StatementLocks.SET_ACCESS_METHOD.level();
        }
    }

    /** {@code ATTACH PARTITION p FOR VALUES ...}: SHARE UPDATE EXCLUSIVE on the parent (12+). */
    record AttachPartition(RelationName partition, String bound) implements AlterAction {
        public LockLevel lock() {
            return StatementLocks.ATTACH_PARTITION.level();
        }
    }

    record DetachPartition(RelationName partition, boolean concurrently, boolean finalizeDetach) implements AlterAction {
        public LockLevel lock() {
            return (concurrently ? StatementLocks.DETACH_PARTITION_CONCURRENTLY : StatementLocks.DETACH_PARTITION).level();
        }
    }

    /** Any other subcommand, with the lock PostgreSQL documents for it (from {@link StatementLocks}). */
    record Other(String sql, LockLevel lock) implements AlterAction {
    }
}
