package dev.zdm.core.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A focused recursive-descent parser for the statements whose locking we judge. It reads just enough of
 * each statement to know its kind, targets and locks; anything else is {@link StatementKind#UNKNOWN}. The lock of
 * each form comes from {@link StatementLocks}, never written here.
 * It never throws: a statement it cannot follow is reported as not analyzed.
 */
final class StatementParser {
    private final Cursor c;
    private StatementKind kind = StatementKind.UNKNOWN;
    private boolean analyzed = true;
    private RelationName table;
    private RelationName index;
    private RelationName created;
    private final Map<RelationName, LockLevel> locks = new LinkedHashMap<>();
    private boolean rewrites;
    private boolean scans;
    private boolean concurrently;
    private boolean outsideTransaction;
    private StatementDetail detail = new StatementDetail.None();

    private StatementParser(Cursor cursor) {
        this.c = cursor;
    }

    static StatementModel parse(SqlStatement statement) {
        try {
            StatementParser p = new StatementParser(new Cursor(statement.tokens(), statement.firstToken(), statement.endToken()));
            p.statement();
            return p.build();
        } catch (RuntimeException e) {
            // A statement we cannot follow is "not analyzed", never a crash of the analyzer.
            return StatementModel.unknown();
        }
    }

    private StatementModel build() {
        if (kind == StatementKind.UNKNOWN) {
            return StatementModel.unknown();
        }
        List<RelationLock> list = new ArrayList<>();
        locks.forEach((r, l) -> list.add(new RelationLock(r, l)));
        return new StatementModel(kind, analyzed, table, index, created, list, rewrites, scans, concurrently,
                outsideTransaction, detail);
    }

    private void lock(RelationName relation, StatementLocks form) {
        lock(relation, form.level());
    }

    private void lock(RelationName relation, LockLevel level) {
        if (relation != null) {
            locks.merge(relation, level, LockLevel::max);
        }
    }

    private void statement() {
        if (c.accept("create")) {
            create();
        } else if (c.accept("alter")) {
            alter();
        } else if (c.accept("drop")) {
            drop();
        } else if (c.accept("reindex")) {
            reindex();
        } else if (c.accept("refresh", "materialized", "view")) {
            refresh();
        } else if (c.accept("cluster")) {
            cluster();
        } else if (c.accept("vacuum")) {
            vacuum();
        } else if (c.accept("repack")) {
            repack();
        } else if (c.acceptAny("analyze", "analyse") != null) {
            kind = StatementKind.ANALYZE;
            skipOptions();
            c.accept("verbose");
            for (RelationName r : nameList()) {
                lock(r, StatementLocks.ANALYZE);
            }
        } else if (c.accept("truncate")) {
            truncate();
        } else if (c.accept("lock")) {
            lockTable();
        } else if (c.peek("with")) {
            withQuery();
        } else if (c.peek("insert") || c.peek("update") || c.peek("delete") || c.peek("merge")) {
            dataChange();
        } else if (c.peek("select") || c.peek("values") || c.peek("table") || c.peekSymbol('(')) {
            kind = StatementKind.SELECT;
        } else if (c.accept("copy")) {
            kind = StatementKind.COPY;
            RelationName target = c.qualifiedName();
            c.skipParenthesized();
            if (target != null && c.accept("from")) {
                table = target;
                lock(target, StatementLocks.COPY_FROM);
            }
        } else if (c.accept("comment", "on")) {
            kind = StatementKind.COMMENT;
        } else if (c.accept("grant")) {
            kind = StatementKind.GRANT;
        } else if (c.accept("revoke")) {
            kind = StatementKind.REVOKE;
        } else if (c.accept("set")) {
            set();
        } else if (c.accept("reset")) {
            kind = StatementKind.RESET;
            detail = new StatementDetail.SetParameter(c.identifier(), null, false);
        } else if (c.accept("do")) {
            // The body is procedural code: known, but not analyzed.
            kind = StatementKind.DO;
            analyzed = false;
        } else if (c.accept("call")) {
            kind = StatementKind.CALL;
            analyzed = false;
        } else {
            transactionControl();
        }
    }

    private void transactionControl() {
        String word = c.acceptAny("begin", "start", "commit", "end", "rollback", "abort", "savepoint", "release", "prepare");
        if (word == null) {
            return;
        }
        if (word.equals("prepare") && !c.peek("transaction")) {
            return;
        }
        kind = StatementKind.TRANSACTION_CONTROL;
        detail = new StatementDetail.TransactionControl(word.toUpperCase(java.util.Locale.ROOT));
    }

    // ---- CREATE -------------------------------------------------------------------------------------

    private void create() {
        int afterCreate = c.position();
        c.accept("or", "replace");
        boolean temporary = c.acceptAny("temporary", "temp") != null || c.accept("global", "temporary")
                || c.accept("local", "temporary") || c.accept("global", "temp") || c.accept("local", "temp");
        c.accept("unlogged");
        if (c.accept("table")) {
            createTable(temporary);
        } else if (c.peek("unique", "index") || c.peek("index")) {
            createIndex(c.position() == afterCreate);
        } else if (c.accept("materialized", "view")) {
            kind = StatementKind.CREATE_MATERIALIZED_VIEW;
            c.accept("if", "not", "exists");
            created = c.qualifiedName();
        } else if (c.accept("view") || c.accept("recursive", "view")) {
            kind = StatementKind.CREATE_VIEW;
            created = c.qualifiedName();
        } else if (c.accept("function")) {
            kind = StatementKind.CREATE_FUNCTION;
        } else if (c.accept("procedure")) {
            kind = StatementKind.CREATE_PROCEDURE;
        } else if (c.accept("trigger") || c.accept("constraint", "trigger")) {
            createTrigger();
        } else if (c.accept("sequence")) {
            kind = StatementKind.CREATE_SEQUENCE;
            c.accept("if", "not", "exists");
            created = c.qualifiedName();
        } else if (c.accept("type")) {
            kind = StatementKind.CREATE_TYPE;
            created = c.qualifiedName();
        } else if (c.accept("domain")) {
            kind = StatementKind.CREATE_DOMAIN;
            created = c.qualifiedName();
        } else if (c.accept("extension")) {
            kind = StatementKind.CREATE_EXTENSION;
        } else if (c.accept("schema")) {
            kind = StatementKind.CREATE_SCHEMA;
        } else if (c.accept("database")) {
            kind = StatementKind.CREATE_DATABASE;
            outsideTransaction = true;
        } else if (c.accept("tablespace")) {
            kind = StatementKind.CREATE_OTHER;
            outsideTransaction = true;
        } else if (c.accept("policy")) {
            kind = StatementKind.CREATE_OTHER;
            c.identifier();
            if (c.accept("on")) {
                lock(c.qualifiedName(), StatementLocks.CREATE_POLICY);
            }
        } else if (c.accept("rule")) {
            kind = StatementKind.CREATE_OTHER;
            c.identifier();
            c.accept("as", "on");
            c.skip();
            if (c.accept("to")) {
                lock(c.qualifiedName(), StatementLocks.CREATE_RULE);
            }
        } else {
            kind = StatementKind.CREATE_OTHER;
        }
    }

    private void createTable(boolean temporary) {
        boolean ifNotExists = c.accept("if", "not", "exists");
        RelationName name = c.qualifiedName();
        created = name;
        table = name;
        kind = StatementKind.CREATE_TABLE;
        List<ColumnDefinition> columns = new ArrayList<>();
        List<ConstraintDefinition> constraints = new ArrayList<>();
        RelationName partitionOf = null;
        if (c.accept("partition", "of")) {
            partitionOf = c.qualifiedName();
            lock(partitionOf, StatementLocks.CREATE_TABLE_PARTITION_OF);
        } else if (c.accept("of")) {
            c.qualifiedName();
        }
        if (c.acceptSymbol('(')) {
            while (!c.atEnd() && !c.peekSymbol(')')) {
                String constraintName = null;
                if (c.accept("constraint")) {
                    constraintName = c.identifier();
                }
                ConstraintDefinition constraint = c.peek("like") ? null : DefinitionParser.constraint(c, constraintName);
                if (constraint != null) {
                    constraints.add(constraint);
                } else if (c.accept("like")) {
                    c.qualifiedName();
                    c.skipToTopLevelComma();
                } else if (constraintName == null) {
                    columns.add(DefinitionParser.column(c));
                }
                c.skipToTopLevelComma();
                if (!c.acceptSymbol(',')) {
                    break;
                }
            }
            c.acceptSymbol(')');
        }
        if (c.peek("as") && !temporary) {
            kind = StatementKind.CREATE_TABLE_AS;
        }
        for (ColumnDefinition column : columns) {
            if (column.references() != null) {
                lock(column.references(), StatementLocks.CREATE_TABLE_REFERENCES);
            }
        }
        for (ConstraintDefinition constraint : constraints) {
            if (constraint.references() != null) {
                lock(constraint.references(), StatementLocks.CREATE_TABLE_REFERENCES);
            }
        }
        detail = new StatementDetail.CreateTable(name, ifNotExists, columns, constraints, partitionOf);
    }

    /** {@code plainCreate}: no OR REPLACE, TEMPORARY or UNLOGGED before INDEX (PostgreSQL refuses those). */
    private void createIndex(boolean plainCreate) {
        kind = StatementKind.CREATE_INDEX;
        boolean unique = c.accept("unique");
        c.accept("index");
        concurrently = c.accept("concurrently");
        boolean ifNotExists = c.accept("if", "not", "exists");
        boolean exact = plainCreate;
        String indexName = null;
        if (!c.peek("on")) {
            int start = c.position();
            RelationName n = c.qualifiedName();
            indexName = n == null ? null : n.name();
            exact &= c.plainName(start, c.position(), 1); // an index name is never schema-qualified
        } else {
            exact &= !ifNotExists; // IF NOT EXISTS needs a name
        }
        exact &= c.accept("on");
        boolean only = c.accept("only");
        int tableStart = c.position();
        table = c.qualifiedName();
        exact &= c.plainName(tableStart, c.position(), 3);
        // Everything after the table as written: (columns) INCLUDE (...) WITH (...) TABLESPACE ... WHERE ...
        String definition = c.peekSymbol('(') || c.peek("using") ? c.rest(c.position()) : null;
        exact &= definition != null;
        if (c.accept("using")) {
            c.identifier();
        }
        List<String> columns = DefinitionParser.columnList(c);
        index = indexName == null || table == null ? null : new RelationName(table.schema(), indexName);
        created = index;
        scans = true;
        outsideTransaction = concurrently;
        lock(table, concurrently ? StatementLocks.CREATE_INDEX_CONCURRENTLY : StatementLocks.CREATE_INDEX);
        detail = new StatementDetail.CreateIndex(index, table, unique, concurrently, ifNotExists, only, columns, definition, exact);
    }

    private void createTrigger() {
        kind = StatementKind.CREATE_TRIGGER;
        c.identifier();
        while (!c.atEnd() && !c.peek("on")) {
            c.skip();
        }
        if (c.accept("on")) {
            table = c.qualifiedName();
            lock(table, StatementLocks.CREATE_TRIGGER);
        }
    }

    // ---- ALTER --------------------------------------------------------------------------------------

    private void alter() {
        if (c.accept("table")) {
            alterTable();
        } else if (c.accept("index")) {
            alterIndex();
        } else if (c.accept("type")) {
            alterType();
        } else if (c.accept("domain")) {
            alterDomain();
        } else if (c.accept("sequence")) {
            kind = StatementKind.ALTER_SEQUENCE;
        } else if (c.accept("materialized", "view")) {
            kind = StatementKind.ALTER_OTHER;
            c.accept("if", "exists");
            RelationName view = c.qualifiedName();
            lock(view, StatementLocks.ALTER_MATERIALIZED_VIEW);
            rewrites = c.peek("set", "tablespace");
        } else if (c.accept("system")) {
            kind = StatementKind.ALTER_OTHER;
            outsideTransaction = true;
        } else {
            kind = StatementKind.ALTER_OTHER;
        }
    }

    private void alterTable() {
        kind = StatementKind.ALTER_TABLE;
        if (c.peek("all", "in", "tablespace")) {
            analyzed = false;
            return;
        }
        boolean ifExists = c.accept("if", "exists");
        c.accept("only");
        table = c.qualifiedName();
        c.acceptSymbol('*');
        List<AlterAction> actions = AlterTableParser.actions(c);
        for (AlterAction a : actions) {
            lock(table, a.lock());
            if (a instanceof AlterAction.AddColumn add) {
                ColumnDefinition col = add.column();
                rewrites |= col.identity() || col.generatedStored() || col.type() != null && col.type().isSerial()
                        || Volatility.volatileCall(col.defaultSql()) != null;
                scans |= col.check() || col.primaryKey() || col.unique();
            } else if (a instanceof AlterAction.AlterColumnType) {
                rewrites = true;
            } else if (a instanceof AlterAction.SetTablespace || a instanceof AlterAction.SetLogged
                    || a instanceof AlterAction.SetAccessMethod) {
                rewrites = true;
            } else if (a instanceof AlterAction.SetNotNull || a instanceof AlterAction.ValidateConstraint) {
                scans = true;
            } else if (a instanceof AlterAction.AddConstraint add) {
                ConstraintDefinition k = add.constraint();
                scans |= !k.notValid() && k.usingIndex() == null;
                if (k.references() != null) {
                    lock(k.references(), StatementLocks.ADD_FOREIGN_KEY);
                }
            } else if (a instanceof AlterAction.AttachPartition attach) {
                lock(attach.partition(), StatementLocks.ATTACHED_PARTITION);
                scans = true;
            } else if (a instanceof AlterAction.DetachPartition detach) {
                lock(detach.partition(), detach.concurrently() ? StatementLocks.DETACH_PARTITION_CONCURRENTLY : StatementLocks.DETACH_PARTITION);
                concurrently |= detach.concurrently();
                outsideTransaction |= detach.concurrently() && !detach.finalizeDetach();
            }
        }
        detail = new StatementDetail.AlterTable(table, ifExists, actions);
    }

    private void alterIndex() {
        kind = StatementKind.ALTER_INDEX;
        c.accept("if", "exists");
        index = c.qualifiedName();
        RelationName attached = null;
        String renamedTo = null;
        String action;
        if (c.accept("attach", "partition")) {
            action = "ATTACH PARTITION";
            attached = c.qualifiedName();
            lock(index, StatementLocks.ALTER_INDEX_ATTACH_PARTITION);
        } else if (c.accept("rename", "to")) {
            action = "RENAME";
            renamedTo = c.identifier();
            lock(index, StatementLocks.ALTER_INDEX_RENAME);
        } else if (c.accept("set", "tablespace")) {
            action = "SET TABLESPACE";
            rewrites = true;
            lock(index, StatementLocks.ALTER_INDEX_SET_TABLESPACE);
        } else {
            action = c.peekText().toUpperCase(java.util.Locale.ROOT);
            lock(index, StatementLocks.ALTER_INDEX_OTHER);
        }
        detail = new StatementDetail.AlterIndex(index, action, attached, renamedTo);
    }

    private void alterType() {
        kind = StatementKind.ALTER_TYPE;
        RelationName type = c.qualifiedName();
        if (c.accept("add", "value")) {
            c.accept("if", "not", "exists");
            detail = new StatementDetail.AddEnumValue(type, c.stringLiteral());
        }
    }

    private void alterDomain() {
        kind = StatementKind.ALTER_DOMAIN;
        RelationName domain = c.qualifiedName();
        if (c.accept("add")) {
            String name = null;
            if (c.accept("constraint")) {
                name = c.identifier();
            }
            boolean notValid = false;
            while (!c.atEnd()) {
                if (c.accept("not", "valid")) {
                    notValid = true;
                } else {
                    c.skip();
                }
            }
            scans = !notValid;
            detail = new StatementDetail.AlterDomainAddConstraint(domain, name, notValid);
        }
    }

    // ---- DROP, REINDEX, REFRESH, CLUSTER, VACUUM, TRUNCATE, LOCK --------------------------------------

    private void drop() {
        String objectType;
        if (c.accept("table")) {
            kind = StatementKind.DROP_TABLE;
            objectType = "TABLE";
        } else if (c.accept("index")) {
            kind = StatementKind.DROP_INDEX;
            objectType = "INDEX";
        } else if (c.accept("materialized", "view")) {
            kind = StatementKind.DROP_MATERIALIZED_VIEW;
            objectType = "MATERIALIZED VIEW";
        } else if (c.accept("view")) {
            kind = StatementKind.DROP_VIEW;
            objectType = "VIEW";
        } else if (c.accept("schema")) {
            kind = StatementKind.DROP_SCHEMA;
            objectType = "SCHEMA";
        } else if (c.accept("database")) {
            kind = StatementKind.DROP_DATABASE;
            outsideTransaction = true;
            c.accept("if", "exists");
            detail = new StatementDetail.DropDatabase(c.identifier());
            return;
        } else {
            kind = StatementKind.DROP_OTHER;
            if (c.accept("tablespace")) {
                outsideTransaction = true;
            }
            return;
        }
        concurrently = c.accept("concurrently");
        boolean ifExists = c.accept("if", "exists");
        int namesStart = c.position();
        List<RelationName> names = nameList();
        boolean exact = c.plainNameList(namesStart, c.position(), 3);
        boolean cascade = c.accept("cascade");
        if (!cascade) {
            c.accept("restrict");
        }
        exact &= c.atEnd();
        outsideTransaction = concurrently;
        for (RelationName n : names) {
            lock(n, concurrently ? StatementLocks.DROP_CONCURRENTLY : StatementLocks.DROP);
        }
        if (kind == StatementKind.DROP_INDEX) {
            index = names.isEmpty() ? null : names.get(0);
        } else if (kind != StatementKind.DROP_SCHEMA) {
            table = names.isEmpty() ? null : names.get(0);
        }
        detail = new StatementDetail.Drop(objectType, names, concurrently, ifExists, cascade, exact);
    }

    private void reindex() {
        kind = StatementKind.REINDEX;
        // REINDEX (CONCURRENTLY [true], VERBOSE) TABLE t: the option-list form of PostgreSQL 14+.
        boolean concurrentOption = false;
        if (c.peekSymbol('(')) {
            int start = c.position();
            c.skipParenthesized();
            concurrentOption = c.optionOn(start, c.position(), "concurrently");
        }
        String target = c.acceptAny("index", "table", "schema", "database", "system");
        if (target == null) {
            analyzed = false;
            return;
        }
        concurrently = c.accept("concurrently") || concurrentOption;
        int nameStart = c.position();
        RelationName name = c.qualifiedName();
        boolean relation = target.equals("index") || target.equals("table");
        // INDEX and TABLE name a relation; SCHEMA, DATABASE and SYSTEM a plain name (left to PostgreSQL when missing)
        boolean exact = name == null ? !relation : c.plainName(nameStart, c.position(), relation ? 3 : 1);
        exact &= c.atEnd();
        if (target.equals("index")) {
            index = name;
            lock(name, concurrently ? StatementLocks.REINDEX_CONCURRENTLY : StatementLocks.REINDEX_INDEX);
        } else if (target.equals("table")) {
            table = name;
            lock(name, concurrently ? StatementLocks.REINDEX_CONCURRENTLY : StatementLocks.REINDEX_TABLE);
        }
        scans = true;
        outsideTransaction = concurrently || !relation;
        detail = new StatementDetail.Reindex(target.toUpperCase(java.util.Locale.ROOT), name, concurrently, exact);
    }

    private void refresh() {
        kind = StatementKind.REFRESH_MATERIALIZED_VIEW;
        concurrently = c.accept("concurrently");
        RelationName view = c.qualifiedName();
        table = view;
        boolean noData = c.accept("with", "no", "data");
        lock(view, concurrently ? StatementLocks.REFRESH_MATERIALIZED_VIEW_CONCURRENTLY : StatementLocks.REFRESH_MATERIALIZED_VIEW);
        scans = true;
        detail = new StatementDetail.RefreshMaterializedView(view, concurrently, noData);
    }

    private void cluster() {
        kind = StatementKind.CLUSTER;
        skipOptions();
        c.accept("verbose");
        RelationName target = c.qualifiedName();
        List<RelationName> tables = target == null ? List.of() : List.of(target);
        table = target;
        index = target != null && c.accept("using") ? c.qualifiedName() : null;
        lock(target, StatementLocks.CLUSTER);
        rewrites = true;
        outsideTransaction = target == null;
        detail = new StatementDetail.Rewrite("CLUSTER", tables);
    }

    private void vacuum() {
        kind = StatementKind.VACUUM;
        boolean full = false;
        if (c.peekSymbol('(')) {
            int start = c.position();
            c.skipParenthesized();
            full = c.optionOn(start, c.position(), "full");
        }
        while (true) {
            String option = c.acceptAny("full", "freeze", "verbose", "analyze", "analyse");
            if (option == null) {
                break;
            }
            full |= option.equals("full");
        }
        List<RelationName> tables = nameList();
        outsideTransaction = true;
        for (RelationName t : tables) {
            lock(t, full ? StatementLocks.VACUUM_FULL : StatementLocks.VACUUM);
        }
        table = tables.isEmpty() ? null : tables.get(0);
        rewrites = full;
        if (full) {
            detail = new StatementDetail.Rewrite("VACUUM FULL", tables);
        }
    }

    /**
     * PostgreSQL 19: {@code REPACK [(VERBOSE, ANALYZE, CONCURRENTLY)] [table [(columns)]] [USING INDEX [index]]}. Without
     * CONCURRENTLY it is VACUUM FULL or CLUSTER under ACCESS EXCLUSIVE; with it the copy runs under SHARE UPDATE
     * EXCLUSIVE and only the final swap takes ACCESS EXCLUSIVE. PostgreSQL refuses the concurrent form and the form
     * without a table inside a transaction block.
     */
    private void repack() {
        kind = StatementKind.REPACK;
        if (c.peek("concurrently") || c.peek("verbose") || c.peek("analyze")) {
            analyzed = false; // options are only accepted in parentheses: PostgreSQL would refuse this
            return;
        }
        if (c.peekSymbol('(')) {
            int start = c.position();
            c.skipParenthesized();
            concurrently = c.optionOn(start, c.position(), "concurrently");
        }
        RelationName target = c.peek("using") ? null : c.qualifiedName();
        c.skipParenthesized(); // the columns ANALYZE reads
        boolean usingIndex = c.accept("using", "index");
        RelationName clusterIndex = usingIndex ? c.qualifiedName() : null;
        table = target;
        index = clusterIndex;
        lock(target, concurrently ? StatementLocks.REPACK_CONCURRENTLY : StatementLocks.REPACK);
        rewrites = true;
        outsideTransaction = concurrently || target == null;
        detail = new StatementDetail.Repack(target, usingIndex, clusterIndex, concurrently);
    }

    private void truncate() {
        kind = StatementKind.TRUNCATE;
        c.accept("table");
        List<RelationName> tables = nameList();
        for (RelationName t : tables) {
            lock(t, StatementLocks.TRUNCATE);
        }
        table = tables.isEmpty() ? null : tables.get(0);
        detail = new StatementDetail.Truncate(tables);
    }

    private void lockTable() {
        kind = StatementKind.LOCK;
        c.accept("table");
        List<RelationName> tables = nameList();
        LockLevel mode = StatementLocks.LOCK_TABLE.level();
        if (c.accept("in")) {
            int start = c.position();
            while (!c.atEnd() && !c.peek("mode")) {
                c.skip();
            }
            String words = c.textBetween(start, c.position());
            mode = words == null ? mode : lockMode(words);
        }
        for (RelationName t : tables) {
            lock(t, mode);
        }
        table = tables.isEmpty() ? null : tables.get(0);
        detail = new StatementDetail.LockTable(tables, mode);
    }

    private static LockLevel lockMode(String words) {
        String normal = words.trim().replaceAll("\\s+", " ").toUpperCase(java.util.Locale.ROOT);
        for (LockLevel l : LockLevel.values()) {
            if (l.sql().equals(normal)) {
                return l;
            }
        }
        return StatementLocks.LOCK_TABLE.level();
    }

    // ---- DML ------------------------------------------------------------------------------------------

    private void withQuery() {
        c.accept("with");
        c.accept("recursive");
        // name [(cols)] AS [NOT] [MATERIALIZED] ( query ) [, ...]
        while (!c.atEnd()) {
            c.identifier();
            c.skipParenthesized();
            c.accept("as");
            c.accept("not");
            c.accept("materialized");
            c.skipParenthesized();
            if (!c.acceptSymbol(',')) {
                break;
            }
        }
        if (c.peek("insert") || c.peek("update") || c.peek("delete") || c.peek("merge")) {
            dataChange();
        } else {
            kind = StatementKind.SELECT;
        }
    }

    private void dataChange() {
        if (c.accept("insert", "into")) {
            kind = StatementKind.INSERT;
            table = c.qualifiedName();
            lock(table, StatementLocks.INSERT);
            return;
        }
        if (c.accept("merge", "into")) {
            kind = StatementKind.MERGE;
            c.accept("only");
            table = c.qualifiedName();
            lock(table, StatementLocks.MERGE);
            return;
        }
        if (c.accept("update")) {
            kind = StatementKind.UPDATE;
        } else if (c.accept("delete", "from")) {
            kind = StatementKind.DELETE;
        } else {
            return;
        }
        c.accept("only");
        table = c.qualifiedName();
        c.acceptSymbol('*');
        lock(table, kind == StatementKind.UPDATE ? StatementLocks.UPDATE : StatementLocks.DELETE);
        String where = null;
        int depth = 0;
        while (!c.atEnd()) {
            if (c.peekSymbol('(')) {
                c.skipParenthesized();
                continue;
            }
            if (depth == 0 && c.accept("where")) {
                if (c.accept("current", "of")) {
                    where = "CURRENT OF";
                    break;
                }
                where = c.expression("returning");
                break;
            }
            c.skip();
        }
        detail = new StatementDetail.DataChange(table, where);
    }

    private void set() {
        kind = StatementKind.SET;
        boolean local = c.accept("local");
        c.accept("session");
        String name;
        if (c.accept("time", "zone")) {
            name = "timezone";
        } else {
            RelationName n = c.qualifiedName();
            name = n == null ? null : n.schema() == null ? n.name() : n.schema() + "." + n.name();
        }
        if (!c.acceptSymbol('=')) {
            c.accept("to");
        }
        String value = c.expression();
        if (value != null && value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            value = value.substring(1, value.length() - 1);
        }
        detail = new StatementDetail.SetParameter(name, value, local);
    }

    // ---- helpers --------------------------------------------------------------------------------------

    /** {@code [ONLY] a [*], [ONLY] b [*], ...}. */
    private List<RelationName> nameList() {
        List<RelationName> out = new ArrayList<>();
        while (!c.atEnd()) {
            c.accept("only");
            RelationName n = c.qualifiedName();
            if (n == null) {
                break;
            }
            out.add(n);
            c.acceptSymbol('*');
            c.skipParenthesized();
            if (!c.acceptSymbol(',')) {
                break;
            }
        }
        return out;
    }

    private void skipOptions() {
        c.skipParenthesized();
    }
}
