package dev.zdm.core.lint;

import dev.zdm.core.sql.AlterAction;
import dev.zdm.core.sql.ColumnDefinition;
import dev.zdm.core.sql.ConstraintDefinition;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.SqlStatement;
import dev.zdm.core.sql.StatementDetail;
import dev.zdm.core.sql.StatementModel;
import dev.zdm.core.sql.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the migrations read so far in this run did to the schema, as far as the rules need it: which
 * relations they created (and in which file), column types, NOT NULL proofs and constraints added
 * NOT VALID. Fed statement by statement, in migration order.
 */
public final class SchemaState {
    private record Created(RelationName relation, String file, boolean unreleased) {
    }

    /** A constraint added in this run, and whether it has been validated since. */
    public record AddedConstraint(RelationName table, ConstraintDefinition definition, String file, int statementIndex,
                                  boolean validated) {
    }

    private final Map<String, List<Created>> created = new HashMap<>();
    private final Map<String, Map<String, TypeName>> columns = new HashMap<>();
    private final Set<String> provenNotNull = new HashSet<>();
    private final Map<String, AddedConstraint> constraints = new HashMap<>();
    private final Map<String, String> lockTimeoutByFile = new HashMap<>();
    private final LiveSchema live;
    private String currentFile;
    private boolean currentUnreleased;

    SchemaState(LiveSchema live) {
        this.live = live;
    }

    void startFile(String file, boolean unreleased) {
        currentFile = file;
        currentUnreleased = unreleased;
    }

    /** Created earlier in {@code file}, or by an earlier migration of the run that is not in production. */
    boolean isNew(RelationName relation, String file) {
        for (Created c : created.getOrDefault(relation.name(), List.of())) {
            if (c.relation.sameAs(relation) && (c.file.equals(file) || c.unreleased)) {
                return true;
            }
        }
        return false;
    }

    boolean isNewFromEarlierFile(RelationName relation, String file) {
        for (Created c : created.getOrDefault(relation.name(), List.of())) {
            if (c.relation.sameAs(relation) && !c.file.equals(file) && c.unreleased) {
                return true;
            }
        }
        return false;
    }

    /** The file of this run that creates {@code relation}, if one does. */
    public Optional<String> createdBy(RelationName relation) {
        for (Created c : created.getOrDefault(relation.name(), List.of())) {
            if (c.relation.sameAs(relation)) {
                return Optional.of(c.file);
            }
        }
        return Optional.empty();
    }

    /**
     * The column's type as the migrations of this run declared it, else as the live database has it (when the
     * lint runs against one), else empty.
     */
    public Optional<TypeName> columnType(RelationName table, String column) {
        Map<String, TypeName> cols = columns.get(key(table));
        TypeName declared = cols == null ? null : cols.get(column);
        return declared != null ? Optional.of(declared) : live.columnType(table, column);
    }

    /**
     * True when earlier statements proved {@code column} holds no NULLs: a validated
     * {@code CHECK (column IS NOT NULL)}, or a NOT NULL declaration.
     */
    public boolean provenNotNull(RelationName table, String column) {
        return provenNotNull.contains(key(table) + "." + column);
    }

    /** A constraint added by name earlier in this run. */
    public Optional<AddedConstraint> constraint(String name) {
        return Optional.ofNullable(constraints.get(name));
    }

    /** True when a CHECK constraint on {@code table} was added and validated earlier in this run. */
    public boolean hasValidatedCheck(RelationName table) {
        return constraints.values().stream().anyMatch(c -> c.validated() && c.table().sameAs(table)
                && c.definition().type() == ConstraintDefinition.Type.CHECK);
    }

    /** True when a SET [LOCAL] lock_timeout came earlier in {@code file}. */
    public boolean lockTimeoutSet(String file) {
        String v = lockTimeoutByFile.get(file);
        return v != null && !v.equals("0") && !v.equalsIgnoreCase("default");
    }

    void apply(SqlStatement statement) {
        StatementModel m = statement.model();
        if (m.created() != null) {
            created.computeIfAbsent(m.created().name(), k -> new ArrayList<>())
                    .add(new Created(m.created(), currentFile, currentUnreleased));
        }
        StatementDetail d = m.detail();
        if (d instanceof StatementDetail.CreateTable t) {
            for (ColumnDefinition c : t.columns()) {
                column(t.table(), c);
            }
            for (ConstraintDefinition c : t.constraints()) {
                constraint(t.table(), c, statement, !c.notValid());
            }
        } else if (d instanceof StatementDetail.AlterTable t) {
            for (AlterAction a : t.actions()) {
                alter(t.table(), a, statement);
            }
        } else if (d instanceof StatementDetail.SetParameter p && p.name() != null
                && p.name().equalsIgnoreCase("lock_timeout")) {
            lockTimeoutByFile.put(currentFile, p.value() == null ? "0" : p.value());
        }
    }

    private void alter(RelationName table, AlterAction a, SqlStatement statement) {
        if (a instanceof AlterAction.AddColumn add) {
            column(table, add.column());
        } else if (a instanceof AlterAction.AlterColumnType type && type.type() != null) {
            columns.computeIfAbsent(key(table), k -> new HashMap<>()).put(type.column(), type.type());
        } else if (a instanceof AlterAction.SetNotNull set) {
            provenNotNull.add(key(table) + "." + set.column());
        } else if (a instanceof AlterAction.AddConstraint add) {
            constraint(table, add.constraint(), statement, !add.constraint().notValid());
        } else if (a instanceof AlterAction.ValidateConstraint v && v.name() != null) {
            AddedConstraint c = constraints.get(v.name());
            if (c != null) {
                constraints.put(v.name(), new AddedConstraint(c.table(), c.definition(), c.file(), c.statementIndex(), true));
                proveNotNull(c.table(), c.definition());
            }
        } else if (a instanceof AlterAction.RenameColumn r) {
            Map<String, TypeName> cols = columns.get(key(table));
            if (cols != null && cols.containsKey(r.from())) {
                cols.put(r.to(), cols.remove(r.from()));
            }
        }
    }

    private void column(RelationName table, ColumnDefinition c) {
        if (c.name() == null) {
            return;
        }
        if (c.type() != null) {
            columns.computeIfAbsent(key(table), k -> new HashMap<>()).put(c.name(), c.type());
        }
        if (c.notNull()) {
            provenNotNull.add(key(table) + "." + c.name());
        }
    }

    private void constraint(RelationName table, ConstraintDefinition c, SqlStatement statement, boolean validated) {
        if (c.name() != null) {
            constraints.put(c.name(), new AddedConstraint(table, c, currentFile, statement.index(), validated));
        }
        if (validated) {
            proveNotNull(table, c);
        }
    }

    private void proveNotNull(RelationName table, ConstraintDefinition c) {
        String col = c.type() == ConstraintDefinition.Type.NOT_NULL && !c.columns().isEmpty() ? c.columns().get(0)
                : c.notNullCheckColumn();
        if (col != null) {
            provenNotNull.add(key(table) + "." + col);
        }
    }

    private static String key(RelationName table) {
        return table.name();
    }
}
