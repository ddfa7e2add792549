package dev.zdm.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.flyway.internal.adapter.CopyData;
import dev.zdm.flyway.internal.adapter.MigrateCommand;
import dev.zdm.flyway.internal.adapter.ZdmPostgreSQLDatabaseType;
import dev.zdm.flyway.internal.adapter.ZdmPostgreSQLParser;
import dev.zdm.flyway.internal.adapter.ZdmSqlStatement;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.database.DatabaseType;
import org.flywaydb.core.internal.database.DatabaseTypeRegister;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.resource.StringResource;
import org.flywaydb.core.internal.sqlscript.SqlStatement;
import org.flywaydb.core.internal.sqlscript.SqlStatementIterator;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.junit.jupiter.api.Test;

/**
 * flyway-zdm leans on Flyway internals in one package ({@code dev.zdm.flyway.internal.adapter}) and on a few
 * verified behaviours (DESIGN.md section 4). These checks state each assumption directly, so that a Flyway
 * upgrade that breaks one fails here, by name, rather than as a mysterious lock test failure.
 */
@PostgresTest
class FlywayInternalsContractTest {

    private static Configuration configuration(TestDatabase db, Map<String, String> extra) {
        var config = new java.util.HashMap<String, String>();
        db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
        config.putAll(extra);
        return Flyway.configure().configuration(config).load().getConfiguration();
    }

    @Test
    void flywayChoosesOurDatabaseTypeForAPostgreSQLConnection(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            DatabaseType type = DatabaseTypeRegister.getDatabaseTypeForConnection(c, configuration(db, Map.of()));
            assertThat(type).isInstanceOf(ZdmPostgreSQLDatabaseType.class);
        }
    }

    /**
     * The extension starts its migrate run when migrate's command object ({@code DbMigrate}) first needs it, found on
     * the call stack, instead of at BEFORE_MIGRATE (which would cost an event connection). The command's AFTER_CONNECT
     * comes from {@code FlywayExecutor}, before it; the per-migration events from inside {@code DbMigrate}.
     */
    @Test
    void migrateRunsItsMigrationsFromInsideItsCommandObject(TestDatabase db,
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("V1__t.sql"), "CREATE TABLE contract_t (id int);");
        List<String> seen = new ArrayList<>();
        Callback recording = new Callback() {
            @Override
            public boolean supports(Event event, Context context) {
                return event == Event.AFTER_CONNECT || event == Event.BEFORE_MIGRATE || event == Event.BEFORE_EACH_MIGRATE
                        || event == Event.AFTER_MIGRATE_OPERATION_FINISH;
            }

            @Override
            public boolean canHandleInTransaction(Event event, Context context) {
                return true;
            }

            @Override
            public void handle(Event event, Context context) {
                seen.add(event.getId() + ":" + MigrateCommand.isRunning() + "/" + MigrateCommand.isInside());
            }

            @Override
            public String getCallbackName() {
                return "recording";
            }
        };
        var config = new java.util.HashMap<String, String>();
        db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
        config.put("flyway.locations", "filesystem:" + dir);
        Flyway flyway = Flyway.configure().configuration(config).callbacks(recording).load();
        flyway.info();
        assertThat(seen).containsExactly("afterConnect:false/false");
        seen.clear();
        flyway.migrate();
        assertThat(seen).containsExactly("afterConnect:false/false", "beforeMigrate:true/true", "beforeEachMigrate:true/true",
                "afterMigrateOperationFinish:false/false");
    }

    /**
     * The hold of contract migrations ({@code internal.contract.TargetOverride}): the configuration a callback sees at
     * BEFORE_VALIDATE of migrate is the {@code ClassicConfiguration} that {@code DbMigrate} reads its target from for each
     * group, so lowering the target there makes migrate stop before the held migrations and return normally; and
     * migrate's validation runs inside migrate's command lambda ({@code MigrateCommand.isMigrateCommand}).
     */
    @Test
    void aTargetLoweredBeforeMigratesValidationStopsMigrateThere(TestDatabase db,
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE target_a (id int);");
        List<String> seen = new ArrayList<>();
        Callback lowering = new Callback() {
            @Override
            public boolean supports(Event event, Context context) {
                return event == Event.BEFORE_VALIDATE;
            }

            @Override
            public boolean canHandleInTransaction(Event event, Context context) {
                return true;
            }

            @Override
            public void handle(Event event, Context context) {
                seen.add(context.getConfiguration().getClass().getSimpleName() + ":" + MigrateCommand.isMigrateCommand());
                if (MigrateCommand.isMigrateCommand()) {
                    ((org.flywaydb.core.api.configuration.ClassicConfiguration) context.getConfiguration())
                            .setTarget(org.flywaydb.core.api.MigrationVersion.fromVersion("2"));
                }
            }

            @Override
            public String getCallbackName() {
                return "lowering";
            }
        };
        var config = new java.util.HashMap<String, String>();
        db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
        config.put("flyway.locations", "filesystem:" + dir);
        config.put("flyway.schemas", "target_pin");
        config.put("flyway.zdm.enabled", "false");
        Flyway.configure().configuration(config).load().migrate(); // a history: validation has something to read
        java.nio.file.Files.writeString(dir.resolve("V2__b.sql"), "CREATE TABLE target_b (id int);");
        java.nio.file.Files.writeString(dir.resolve("V3__c.sql"), "CREATE TABLE target_c (id int);");
        Flyway flyway = Flyway.configure().configuration(config).callbacks(lowering).load();
        var result = flyway.migrate();
        assertThat(seen).containsExactly("ClassicConfiguration:true");
        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isEqualTo(1);
        assertThat(flyway.getConfiguration().getTarget().getVersion()).as("the same object Flyway migrates with").isEqualTo("2");
    }

    @Test
    void ourConfigurationProviderSwitchesFlywaysAdvisoryLockToSessionLevel(TestDatabase db) {
        assertThat(configuration(db, Map.of()).getPluginRegister().getExact(PostgreSQLConfigurationExtension.class).isTransactionalLock())
                .isFalse();
        assertThat(configuration(db, Map.of("flyway.zdm.keepTransactionalLock", "true"))
                .getPluginRegister().getExact(PostgreSQLConfigurationExtension.class).isTransactionalLock()).isTrue();
        assertThat(configuration(db, Map.of("flyway.zdm.enabled", "false"))
                .getPluginRegister().getExact(PostgreSQLConfigurationExtension.class).isTransactionalLock()).isTrue();
    }

    @Test
    void ourParserYieldsOurStatementsWithLinesAndTransactionality(TestDatabase db) throws Exception {
        Configuration configuration = configuration(db, Map.of());
        ZdmPostgreSQLParser parser = new ZdmPostgreSQLParser(configuration, new ParsingContext());
        String script = "-- leading comment\nCREATE TABLE t (id int);\n\n"
                + "REINDEX INDEX CONCURRENTLY t_idx;\n"
                + "ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY;\n"
                + "CREATE INDEX CONCURRENTLY i ON t (id);\n"
                + "-- zdm:batched key=id size=100\nUPDATE t SET id = id WHERE id > 0;\n"
                + "COPY t FROM STDIN;\n1\n\\.\n";
        List<SqlStatement> statements = new ArrayList<>();
        try (SqlStatementIterator it = parser.parse(new StringResource(script))) {
            while (it.hasNext()) {
                statements.add(it.next());
            }
        }
        assertThat(statements).hasSize(6);
        assertThat(statements).allSatisfy(s -> assertThat(s).isInstanceOf(ZdmSqlStatement.class));
        assertThat(statements.get(0).getLineNumber()).isEqualTo(2);
        assertThat(statements.get(0).canExecuteInTransaction()).isTrue();
        assertThat(statements.get(1).canExecuteInTransaction()).as("REINDEX CONCURRENTLY").isFalse();
        assertThat(statements.get(2).canExecuteInTransaction()).as("DETACH PARTITION CONCURRENTLY").isFalse();
        assertThat(statements.get(3).canExecuteInTransaction()).as("CREATE INDEX CONCURRENTLY").isFalse();
        assertThat(statements.get(4).canExecuteInTransaction()).as("-- zdm:batched commits batch by batch").isFalse();
        assertThat(statements.get(4).getLineNumber()).as("the line of the UPDATE, not of its directive").isEqualTo(8);
        assertThat(statements.get(5).getSql()).as("COPY FROM STDIN is wrapped, Flyway still executes it").startsWith("COPY t FROM STDIN");
    }

    @Test
    void copyRowsAreReadableForTheResumeBookkeeping() {
        assertThat(CopyData.readable()).as("PostgreSQLCopyParsedStatement.copyData (a COPY's rows are part of its identity)").isTrue();
    }

    @Test
    void flywayParsesAScriptWithOneParserThatSeesItsResourceBeforeRunningIt() throws Exception {
        // ZdmPostgreSQLParser tells the run which script it reads from getNextStatement(resource, ...), keyed by the
        // resource's relative path, which Flyway reports as MigrationInfo.getScript(); PlainExecutionTest runs it end to end.
        java.lang.reflect.Method next = org.flywaydb.core.internal.parser.Parser.class.getDeclaredMethod("getNextStatement",
                org.flywaydb.core.api.resource.Resource.class, org.flywaydb.core.internal.parser.PeekingReader.class,
                org.flywaydb.core.internal.parser.Recorder.class, org.flywaydb.core.internal.parser.PositionTracker.class,
                org.flywaydb.core.internal.parser.ParserContext.class);
        assertThat(java.lang.reflect.Modifier.isProtected(next.getModifiers())).isTrue();
        assertThat(java.lang.reflect.Modifier.isFinal(next.getModifiers())).isFalse();
        assertThat(ZdmPostgreSQLParser.class.getDeclaredMethod("getNextStatement", next.getParameterTypes())).isNotNull();
    }

    /**
     * A migration that is one column change ({@code -- zdm:rename-column}) has no statement: Flyway's own parser yields
     * none, so Flyway would execute nothing for it. Ours yields one, non-transactional (the operation commits step by
     * step), read again from the resource once Flyway's reader is at its end ({@code getNextStatement} returns null there
     * and is called again by the iterator only until it does). RenameDirectiveTest runs it end to end.
     */
    @Test
    void aScriptWithOnlyAColumnChangeDirectiveYieldsOneStatementFromOurParserAndNoneFromFlyways(TestDatabase db) throws Exception {
        Configuration configuration = configuration(db, Map.of());
        String script = "-- the new version reads full_name\n-- zdm:rename-column table=users from=name to=full_name\n";
        List<SqlStatement> flyways = new ArrayList<>();
        try (SqlStatementIterator it = new org.flywaydb.database.postgresql.PostgreSQLParser(configuration, new ParsingContext())
                .parse(new StringResource(script))) {
            it.forEachRemaining(flyways::add);
        }
        assertThat(flyways).as("Flyway's parser: a comment-only script has no statement").isEmpty();

        List<SqlStatement> ours = new ArrayList<>();
        try (SqlStatementIterator it = new ZdmPostgreSQLParser(configuration, new ParsingContext()).parse(new StringResource(script))) {
            while (it.hasNext()) {
                ours.add(it.next());
            }
        }
        assertThat(ours).singleElement().satisfies(s -> {
            assertThat(s).isInstanceOf(ZdmSqlStatement.class);
            assertThat(s.canExecuteInTransaction()).isFalse();
            assertThat(s.getLineNumber()).isEqualTo(2);
            assertThat(s.getSql()).isEqualTo("-- zdm:rename-column table=users from=name to=full_name");
        });
        assertThat(new StringResource(script)).as("the resource our parser reads again").isInstanceOf(
                org.flywaydb.core.api.resource.LoadableResource.class);
    }
}
