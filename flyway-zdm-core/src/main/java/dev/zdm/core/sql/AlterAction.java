package dev.zdm.core.sql;

/** One subcommand of ALTER TABLE, with the lock it takes on the table. */
public sealed interface AlterAction {

    /** The lock this subcommand takes on the altered table. */
    LockLevel lock();

    record AddColumn(ColumnDefinition column, boolean ifNotExists) implements AlterAction {
        public LockLevel lock() {
            return LockLevel.ACCESS_EXCLUSIVE;
        }
    }

    record DropColumn(String column, boolean ifExists) implements AlterAction {
        public LockLevel lock() {
            return LockLevel.ACCESS_EXCLUSIVE;
        }
    }

    /** {@code ALTER COLUMN c [SET DATA] TYPE t [USING expr]}. */
    record AlterColumnType(String column, TypeName type, String using) implements AlterAction {
        public LockLevel lock() {
            return LockLevel.ACCESS_EXCLUSIVE;
        }
    }

    record SetNotNull(String column) implements AlterAction {
        public LockLevel lock() {
            return LockLevel.ACCESS_EXCLUSIVE;
        }
    }

    record DropNotNull(String column) implements AlterAction {
        public LockLevel lock() {
            return LockLevel.ACCESS_EXCLUSIVE;
        }
    }

    /** {@code SET DEFAULT expr} ({@code expression} non-null) or {@code DROP DEFAULT}. */
    record ColumnDefault(String column, String expression) implements AlterAction {
        public LockLevel lock() {
            return LockLevel.ACCESS_EXCLUSIVE;
        }
    }

    record AddConstraint(ConstraintDefinition constraint) implements AlterAction {
        public LockLevel lock() {
            return constraint.type() == ConstraintDefinition.Type.FOREIGN_KEY ? LockLevel.SHARE_ROW_EXCLUSIVE : LockLevel.ACCESS_EXCLUSIVE;
        }
    }

    record ValidateConstraint(String name) implements AlterAction {
        public LockLevel lock() {
            return LockLevel.SHARE_UPDATE_EXCLUSIVE;
        }
    }

    record DropConstraint(String name, boolean ifExists) implements AlterAction {
        public LockLevel lock() {
            return LockLevel.ACCESS_EXCLUSIVE;
        }
    }

    record RenameColumn(String from, String to) implements AlterAction {
        public LockLevel lock() {
            return LockLevel.ACCESS_EXCLUSIVE;
        }
    }

    record RenameTable(String to) implements AlterAction {
        public LockLevel lock() {
            return LockLevel.ACCESS_EXCLUSIVE;
        }
    }

    record RenameConstraint(String from, String to) implements AlterAction {
        public LockLevel lock() {
            return LockLevel.ACCESS_EXCLUSIVE;
        }
    }

    record SetTablespace(String tablespace) implements AlterAction {
        public LockLevel lock() {
            return LockLevel.ACCESS_EXCLUSIVE;
        }
    }

    /** {@code SET LOGGED} ({@code logged}) or {@code SET UNLOGGED}: both rewrite the table. */
    record SetLogged(boolean logged) implements AlterAction {
        public LockLevel lock() {
            return LockLevel.ACCESS_EXCLUSIVE;
        }
    }

    /** {@code SET ACCESS METHOD}: rewrites the table. */
    record SetAccessMethod(String method) implements AlterAction {
        public LockLevel lock() {
            return LockLevel.ACCESS_EXCLUSIVE;
        }
    }

    /** {@code ATTACH PARTITION p FOR VALUES ...}: SHARE UPDATE EXCLUSIVE on the parent (12+). */
    record AttachPartition(RelationName partition, String bound) implements AlterAction {
        public LockLevel lock() {
            return LockLevel.SHARE_UPDATE_EXCLUSIVE;
        }
    }

    record DetachPartition(RelationName partition, boolean concurrently, boolean finalizeDetach) implements AlterAction {
        public LockLevel lock() {
            return concurrently ? LockLevel.SHARE_UPDATE_EXCLUSIVE : LockLevel.ACCESS_EXCLUSIVE;
        }
    }

    /** Any other subcommand, with the lock PostgreSQL documents for it. */
    record Other(String sql, LockLevel lock) implements AlterAction {
    }
}
