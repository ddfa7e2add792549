package dev.zdm.core.lint;

import dev.zdm.core.ddl.ColumnChangeDirective;
import dev.zdm.core.sql.AlterAction;
import dev.zdm.core.sql.ColumnDefinition;
import dev.zdm.core.sql.ConstraintDefinition;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.SqlScript;
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
 * What the migrations read so far in this run did to the schema, as far as the rules need it: which relations
 * (tables, views, indexes, constraint-owned indexes) they created, dropped or renamed (and in which file), column
 * types, NOT NULL proofs, row keys and constraints added NOT VALID. Fed statement by statement, in migration order.
 * Where the run says nothing, the live database (the gate's {@link LiveSchema}) answers, else the answer is unknown.
 */
public final class SchemaState {
    private record Created(RelationName relation, String file, boolean unreleased) {
    }

    /** A constraint added in this run, and whether it has been validated since. */
    public record AddedConstraint(RelationName table, ConstraintDefinition definition, String file, int statementIndex,
                                  boolean validated) {
    }

    private final Map<String, List<Created>> created = new HashMap<>();
    /** Relation name to whether it exists after the statements read so far (absent: the run never touched it). */
    private final Map<String, Boolean> present = new HashMap<>();
    private final Map<String, String> indexTable = new HashMap<>();
    private final Map<String, List<String>> indexColumns = new HashMap<>();
    private final Map<String, Map<String, TypeName>> columns = new HashMap<>();
    private final Set<String> droppedColumns = new HashSet<>();
    private final Set<String> addedNullable = new HashSet<>();
    private final Set<String> provenNotNull = new HashSet<>();
    private final Set<String> nullable = new HashSet<>();
    private final Map<String, List<String>> rowKeys = new HashMap<>();
    private final Map<String, AddedConstraint> constraints = new HashMap<>();
    private final Map<String, List<String>> validatedUnknown = new HashMap<>();
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

    /** The file of this run that created {@code relation} and did not drop it since, if one did. */
    public Optional<String> createdBy(RelationName relation) {
        List<Created> list = created.getOrDefault(relation.name(), List.of());
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i).relation.sameAs(relation)) {
                return Optional.of(list.get(i).file);
            }
        }
        return Optional.empty();
    }

    /**
     * True when {@code relation} certainly does not exist at this point: an earlier statement of the run dropped it
     * or renamed it away (and none created it again), or the run never created it and the live database has none.
     */
    public boolean knownAbsent(RelationName relation) {
        Boolean known = present.get(relation.name());
        if (known != null) {
            return !known;
        }
        return live.exists(relation).map(e -> !e).orElse(false);
    }

    /** True when an earlier statement of the run dropped {@code table.column} (and none added it again). */
    public boolean columnKnownAbsent(RelationName table, String column) {
        return droppedColumns.contains(key(table) + "." + column) || knownAbsent(table);
    }

    /**
     * The column's type as the migrations of this run declared it, else as the live database has it (when the
     * lint runs against one), else empty.
     */
    public Optional<TypeName> columnType(RelationName table, String column) {
        Map<String, TypeName> cols = columns.get(key(table));
        TypeName declared = cols == null ? null : cols.get(column);
        if (declared != null) {
            return Optional.of(declared);
        }
        return droppedColumns.contains(key(table) + "." + column) ? Optional.empty() : live.columnType(table, column);
    }

    /**
     * True when earlier statements proved {@code column} holds no NULLs: a validated
     * {@code CHECK (column IS NOT NULL)}, or a NOT NULL declaration.
     */
    public boolean provenNotNull(RelationName table, String column) {
        return provenNotNull.contains(key(table) + "." + column)
                || live.validatedNotNullCheck(table, column).orElse(false);
    }

    /**
     * True when the run added {@code column} to {@code table} without NOT NULL and without a DEFAULT: on a table with
     * rows every existing row holds NULL in it.
     */
    public boolean addedWithoutDefault(RelationName table, String column) {
        return addedNullable.contains(key(table) + "." + column);
    }

    /**
     * The table's row key: its primary key, else a UNIQUE key on NOT NULL columns, as the run declared it, else as
     * the live database has it; empty when unknown.
     */
    public Optional<List<String>> rowKey(RelationName table) {
        List<String> key = rowKeys.get(key(table));
        return key != null ? Optional.of(key) : live.rowKey(table);
    }

    /** The columns of index {@code index} as the run created it (plain column references only); empty when unknown. */
    public Optional<List<String>> indexColumns(String index) {
        List<String> cols = indexColumns.get(index);
        return cols == null || cols.isEmpty() ? Optional.empty() : Optional.of(cols);
    }

    /**
     * True when {@code table.column} is known to allow NULLs: the run declared it without NOT NULL (or dropped its
     * NOT NULL), or the live database says so. False when it is proven NOT NULL or nothing is known.
     */
    public boolean knownNullable(RelationName table, String column) {
        if (provenNotNull(table, column)) {
            return false;
        }
        Map<String, TypeName> cols = columns.get(key(table));
        if (cols != null && cols.containsKey(column) || nullable.contains(key(table) + "." + column)) {
            return true;
        }
        return live.notNull(table, column).map(n -> !n).orElse(false);
    }

    /** A constraint added by name earlier in this run. */
    public Optional<AddedConstraint> constraint(String name) {
        return Optional.ofNullable(constraints.get(name));
    }

    /**
     * Constraints on {@code table} that an earlier statement of the run validated although the run never showed
     * their definition (they come from a migration this lint did not read, and the live database did not say).
     */
    public List<String> validatedUnknownConstraints(RelationName table) {
        return validatedUnknown.getOrDefault(key(table), List.of());
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
        StatementDetail d = m.detail();
        if (d instanceof StatementDetail.Drop drop) {
            for (RelationName r : drop.names()) {
                dropped(r);
            }
        }
        if (m.created() != null) {
            create(m.created());
            if (d instanceof StatementDetail.CreateIndex ci && ci.table() != null) {
                indexTable.put(m.created().name(), ci.table().name());
                indexColumns.put(m.created().name(), ci.columns());
            }
        }
        if (d instanceof StatementDetail.CreateTable t) {
            columns.remove(key(t.table()));
            rowKeys.remove(key(t.table()));
            for (ColumnDefinition c : t.columns()) {
                column(t.table(), c, false);
            }
            for (ConstraintDefinition c : t.constraints()) {
                constraint(t.table(), c, statement, !c.notValid());
            }
            rowKeyFromColumns(t.table(), t.columns());
        } else if (d instanceof StatementDetail.AlterTable t) {
            for (AlterAction a : t.actions()) {
                alter(t.table(), a, statement);
            }
        } else if (d instanceof StatementDetail.AlterIndex ai && ai.renamedTo() != null && ai.index() != null) {
            rename(ai.index(), ai.renamedTo());
        } else if (d instanceof StatementDetail.SetParameter p && p.name() != null
                && p.name().equalsIgnoreCase("lock_timeout")) {
            lockTimeoutByFile.put(currentFile, p.value() == null ? "0" : p.value());
        }
    }

    private void create(RelationName relation) {
        created.computeIfAbsent(relation.name(), k -> new ArrayList<>()).add(new Created(relation, currentFile, currentUnreleased));
        present.put(relation.name(), true);
    }

    private void dropped(RelationName relation) {
        List<Created> list = created.get(relation.name());
        if (list != null) {
            list.removeIf(c -> c.relation.sameAs(relation));
        }
        present.put(relation.name(), false);
        // A dropped table takes its indexes and columns with it.
        indexTable.entrySet().removeIf(e -> {
            if (e.getValue().equals(relation.name())) {
                present.put(e.getKey(), false);
                created.remove(e.getKey());
                return true;
            }
            return false;
        });
        indexTable.remove(relation.name());
        columns.remove(relation.name());
        rowKeys.remove(relation.name());
        provenNotNull.removeIf(k -> k.startsWith(relation.name() + "."));
    }

    /** {@code from} becomes {@code to}: a new relation stays new, an existing one stays existing. */
    private void rename(RelationName from, String to) {
        RelationName target = new RelationName(from.schema(), to);
        List<Created> list = created.get(from.name());
        if (list != null) {
            List<Created> moved = list.stream().filter(c -> c.relation.sameAs(from)).toList();
            list.removeAll(moved);
            for (Created c : moved) {
                created.computeIfAbsent(to, k -> new ArrayList<>()).add(new Created(target, c.file, c.unreleased));
            }
        }
        present.put(from.name(), false);
        present.put(to, true);
        move(indexColumns, from.name(), to);
        String table = indexTable.remove(from.name());
        if (table != null) {
            indexTable.put(to, table);
        }
        indexTable.replaceAll((index, t) -> t.equals(from.name()) ? to : t);
        move(columns, from.name(), to);
        move(rowKeys, from.name(), to);
        move(validatedUnknown, from.name(), to);
        for (Set<String> set : List.of(provenNotNull, droppedColumns, addedNullable, nullable)) {
            for (String k : new ArrayList<>(set)) {
                if (k.startsWith(from.name() + ".")) {
                    set.remove(k);
                    set.add(to + k.substring(from.name().length()));
                }
            }
        }
        constraints.replaceAll((name, c) -> c.table().sameAs(from)
                ? new AddedConstraint(target, c.definition(), c.file(), c.statementIndex(), c.validated()) : c);
    }

    private static <V> void move(Map<String, V> map, String from, String to) {
        V v = map.remove(from);
        if (v != null) {
            map.put(to, v);
        }
    }

    private void alter(RelationName table, AlterAction a, SqlStatement statement) {
        String t = key(table);
        if (a instanceof AlterAction.AddColumn add) {
            column(table, add.column(), true);
            if (add.column().primaryKey()) {
                rowKeys.put(t, List.of(add.column().name()));
            }
        } else if (a instanceof AlterAction.DropColumn drop && drop.column() != null) {
            Map<String, TypeName> cols = columns.get(t);
            if (cols != null) {
                cols.remove(drop.column());
            }
            forgetColumn(t, drop.column());
            droppedColumns.add(t + "." + drop.column());
            List<String> rowKey = rowKeys.get(t);
            if (rowKey != null && rowKey.contains(drop.column())) {
                rowKeys.remove(t);
            }
        } else if (a instanceof AlterAction.AlterColumnType type && type.type() != null) {
            columns.computeIfAbsent(t, k -> new HashMap<>()).put(type.column(), type.type());
        } else if (a instanceof AlterAction.SetNotNull set) {
            provenNotNull.add(t + "." + set.column());
            addedNullable.remove(t + "." + set.column());
            nullable.remove(t + "." + set.column());
        } else if (a instanceof AlterAction.DropNotNull drop) {
            provenNotNull.remove(t + "." + drop.column());
            nullable.add(t + "." + drop.column());
        } else if (a instanceof AlterAction.AddConstraint add) {
            ConstraintDefinition k = add.constraint();
            constraint(table, k, statement, !k.notValid());
            if (k.type() == ConstraintDefinition.Type.PRIMARY_KEY && !k.columns().isEmpty()) {
                rowKeys.put(t, k.columns());
                k.columns().forEach(c -> provenNotNull.add(t + "." + c));
            }
        } else if (a instanceof AlterAction.ValidateConstraint v && v.name() != null) {
            validate(table, v.name());
        } else if (a instanceof AlterAction.DropConstraint drop && drop.name() != null) {
            AddedConstraint c = constraints.remove(drop.name());
            if (c != null && ownsIndex(c.definition())) {
                dropped(new RelationName(table.schema(), drop.name()));
            }
        } else if (a instanceof AlterAction.RenameColumn r && r.from() != null && r.to() != null) {
            renameColumn(table, r.from(), r.to());
        } else if (a instanceof AlterAction.RenameTable r && r.to() != null) {
            rename(table, r.to());
        } else if (a instanceof AlterAction.RenameConstraint r && r.from() != null && r.to() != null) {
            AddedConstraint c = constraints.remove(r.from());
            if (c != null) {
                constraints.put(r.to(), c);
                if (ownsIndex(c.definition())) {
                    rename(new RelationName(table.schema(), r.from()), r.to());
                }
            }
        }
    }

    private void validate(RelationName table, String name) {
        AddedConstraint c = constraints.get(name);
        if (c != null) {
            constraints.put(name, new AddedConstraint(c.table(), c.definition(), c.file(), c.statementIndex(), true));
            proveNotNull(c.table(), c.definition());
            return;
        }
        Optional<ConstraintDefinition> known = live.constraintDefinition(table, name).flatMap(def -> parse(name, def));
        if (known.isPresent()) {
            proveNotNull(table, known.get());
        } else {
            validatedUnknown.computeIfAbsent(key(table), k -> new ArrayList<>()).add(name);
        }
    }

    /** A constraint definition as pg_get_constraintdef prints it, read with the same parser as the migrations. */
    private static Optional<ConstraintDefinition> parse(String name, String definition) {
        SqlScript script = SqlScript.parse("catalog", "ALTER TABLE t ADD CONSTRAINT x " + definition);
        if (script.statements().size() != 1) {
            return Optional.empty();
        }
        return script.statements().get(0).model().detail(StatementDetail.AlterTable.class)
                .flatMap(t -> t.actions().stream().filter(AlterAction.AddConstraint.class::isInstance)
                        .map(a -> ((AlterAction.AddConstraint) a).constraint()).findFirst());
    }

    /**
     * A column-change migration ({@code -- zdm:rename-column}, {@code -- zdm:change-type}) as the later migrations see it
     * once its contract ran: the column renamed, or of its new type.
     */
    void columnChanged(ColumnChangeDirective change) {
        RelationName table = new RelationName(change.table().schema(), change.table().name());
        if (change.rename()) {
            renameColumn(table, change.from(), change.to());
            return;
        }
        TypeName type = TypeName.parse(change.type());
        if (type != null) {
            columns.computeIfAbsent(key(table), k -> new HashMap<>()).put(change.from(), type);
        }
    }

    private void renameColumn(RelationName table, String from, String to) {
        String t = key(table);
        Map<String, TypeName> cols = columns.get(t);
        if (cols != null && cols.containsKey(from)) {
            cols.put(to, cols.remove(from));
        }
        for (Set<String> set : List.of(provenNotNull, addedNullable, nullable)) {
            if (set.remove(t + "." + from)) {
                set.add(t + "." + to);
            }
        }
        droppedColumns.remove(t + "." + to);
        droppedColumns.add(t + "." + from);
        List<String> rowKey = rowKeys.get(t);
        if (rowKey != null) {
            rowKeys.put(t, rowKey.stream().map(c -> c.equals(from) ? to : c).toList());
        }
    }

    private void forgetColumn(String table, String column) {
        provenNotNull.remove(table + "." + column);
        nullable.remove(table + "." + column);
        addedNullable.remove(table + "." + column);
    }

    private void column(RelationName table, ColumnDefinition c, boolean added) {
        if (c.name() == null) {
            return;
        }
        String t = key(table);
        forgetColumn(t, c.name());
        droppedColumns.remove(t + "." + c.name());
        if (c.type() != null) {
            columns.computeIfAbsent(t, k -> new HashMap<>()).put(c.name(), c.type());
        }
        if (c.notNull() || c.primaryKey()) {
            provenNotNull.add(t + "." + c.name());
        } else if (added && c.defaultSql() == null && !c.identity() && !c.generatedStored()) {
            addedNullable.add(t + "." + c.name());
        }
        if (c.primaryKey() || c.unique()) {
            create(new RelationName(table.schema(), Sql.defaultIndexName(table, List.of(c.name()), c.primaryKey())));
            indexTable.put(Sql.defaultIndexName(table, List.of(c.name()), c.primaryKey()), t);
        }
    }

    private void rowKeyFromColumns(RelationName table, List<ColumnDefinition> cols) {
        String t = key(table);
        if (rowKeys.containsKey(t)) {
            return;
        }
        for (ColumnDefinition c : cols) {
            if (c.primaryKey()) {
                rowKeys.put(t, List.of(c.name()));
                return;
            }
        }
        for (ColumnDefinition c : cols) {
            if (c.unique() && c.notNull()) {
                rowKeys.put(t, List.of(c.name()));
                return;
            }
        }
    }

    private void constraint(RelationName table, ConstraintDefinition c, SqlStatement statement, boolean validated) {
        if (c.name() != null) {
            constraints.put(c.name(), new AddedConstraint(table, c, currentFile, statement.index(), validated));
        }
        if (validated) {
            proveNotNull(table, c);
        }
        String t = key(table);
        if (c.type() == ConstraintDefinition.Type.PRIMARY_KEY && !c.columns().isEmpty()) {
            rowKeys.put(t, c.columns());
        } else if (c.type() == ConstraintDefinition.Type.UNIQUE && !c.columns().isEmpty() && !rowKeys.containsKey(t)
                && c.columns().stream().allMatch(col -> provenNotNull.contains(t + "." + col))) {
            rowKeys.put(t, c.columns());
        }
        if (!ownsIndex(c)) {
            return;
        }
        String index = c.name() != null ? c.name()
                : c.usingIndex() != null ? c.usingIndex()
                : Sql.defaultIndexName(table, c.columns(), c.type() == ConstraintDefinition.Type.PRIMARY_KEY);
        if (c.usingIndex() != null) {
            // ADD CONSTRAINT c UNIQUE USING INDEX idx renames idx to c.
            if (!c.usingIndex().equals(index)) {
                rename(new RelationName(table.schema(), c.usingIndex()), index);
            }
        } else {
            create(new RelationName(table.schema(), index));
            indexTable.put(index, t);
        }
    }

    private static boolean ownsIndex(ConstraintDefinition c) {
        return c.type() == ConstraintDefinition.Type.PRIMARY_KEY || c.type() == ConstraintDefinition.Type.UNIQUE
                || c.type() == ConstraintDefinition.Type.EXCLUDE;
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

    /** PostgreSQL's default names for constraint-owned indexes. */
    private static final class Sql {
        static String defaultIndexName(RelationName table, List<String> cols, boolean pk) {
            String base = pk ? table.name() + "_pkey" : table.name() + "_" + String.join("_", cols) + "_key";
            return base.length() > 63 ? base.substring(0, 63) : base;
        }
    }
}
