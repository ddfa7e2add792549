package dev.zdm.flyway.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import db.zdm.operations.V2__Require_email_verified;
import dev.zdm.core.ddl.Operation;
import dev.zdm.core.ddl.Operations;
import dev.zdm.core.ddl.SqlStyle;
import dev.zdm.core.phase.MigrationPhase;
import dev.zdm.flyway.ZdmJavaMigration;
import dev.zdm.flyway.ZdmOperationsMigration;
import dev.zdm.flyway.ZdmPhase;
import dev.zdm.flyway.api.ZdmMigrationException;
import dev.zdm.flyway.internal.phase.JavaMigrationPhases;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;

/** The phase of a Java migration: {@code @ZdmPhase}, or expand for an operation migration. */
class JavaMigrationPhasesTest {
    private static final ClassLoader LOADER = JavaMigrationPhasesTest.class.getClassLoader();

    @ZdmPhase(MigrationPhase.CONTRACT)
    static class V9__Drop_legacy_name extends ZdmJavaMigration {
        @Override
        public void migrate(Context context) {
        }
    }

    @ZdmPhase(MigrationPhase.MIGRATE)
    static class V8__Fill extends ZdmJavaMigration {
        @Override
        public void migrate(Context context) {
        }
    }

    static class V7__Undeclared extends ZdmJavaMigration {
        @Override
        public void migrate(Context context) {
        }
    }

    /** Inherits nothing: each migration declares its own phase. */
    static class V10__Subclass extends V9__Drop_legacy_name {
    }

    @ZdmPhase(MigrationPhase.CONTRACT)
    static class V11__Contract_operations extends ZdmOperationsMigration {
        @Override
        protected void define(Ops ops) {
            ops.dropIndex("users_old_idx");
        }
    }

    @ZdmPhase(MigrationPhase.EXPAND)
    static class V12__Declared_expand extends ZdmOperationsMigration {
        @Override
        protected void define(Ops ops) {
            ops.createIndex("users", "email");
        }
    }

    @Test
    void theAnnotationDeclaresThePhaseByClassName() {
        assertThat(JavaMigrationPhases.of(V9__Drop_legacy_name.class.getName(), LOADER)).contains(MigrationPhase.CONTRACT);
        assertThat(JavaMigrationPhases.of(V8__Fill.class.getName(), LOADER)).contains(MigrationPhase.MIGRATE);
        assertThat(JavaMigrationPhases.of(V7__Undeclared.class.getName(), LOADER)).isEqualTo(Optional.empty());
        assertThat(JavaMigrationPhases.of(V10__Subclass.class)).isEmpty();
    }

    @Test
    void anOperationMigrationIsAnExpandMigration() {
        assertThat(JavaMigrationPhases.of(V2__Require_email_verified.class.getName(), LOADER)).contains(MigrationPhase.EXPAND);
        assertThat(JavaMigrationPhases.of(V12__Declared_expand.class)).contains(MigrationPhase.EXPAND);
        assertThatThrownBy(() -> JavaMigrationPhases.of(V11__Contract_operations.class))
                .isInstanceOf(ZdmMigrationException.class)
                .hasMessageContaining(V11__Contract_operations.class.getName() + " declares @ZdmPhase(CONTRACT), but it is a "
                        + "ZdmOperationsMigration");
    }

    @Test
    void aClassThatCannotBeLoadedIsNamed() {
        assertThatThrownBy(() -> JavaMigrationPhases.of("com.example.V3__Gone", LOADER))
                .isInstanceOf(ZdmMigrationException.class)
                .hasMessageStartingWith("Java migration com.example.V3__Gone: its class cannot be loaded to read its phase")
                .hasMessageContaining("classpath");
    }

    static class V13__Odd_names extends ZdmOperationsMigration {
        @Override
        protected void define(Ops ops) {
            ops.setNotNull("App.User \"Table", "E-mail").dropIndex("Idx; DROP TABLE x");
        }
    }

    @Test
    void namesAreTakenLiterallyAndQuoted() {
        List<Operation> operations = new V13__Odd_names().operations(Operations.forServer(15));
        assertThat(operations.get(0).plan(SqlStyle.QUOTED).get(0).sql())
                .isEqualTo("ALTER TABLE \"App\".\"User \"\"Table\" ADD CONSTRAINT \"User \"\"Table_E-mail_zdm_not_null\" CHECK (\"E-mail\" IS NOT NULL) NOT VALID");
        assertThat(operations.get(1).plan(SqlStyle.QUOTED).get(0).sql()).isEqualTo("DROP INDEX CONCURRENTLY IF EXISTS \"Idx; DROP TABLE x\"");
    }

    @Test
    void theOperationsAreBuiltForTheServerVersion() {
        V2__Require_email_verified migration = new V2__Require_email_verified();
        assertThat(migration.canExecuteInTransaction()).isFalse();
        assertThat(migration.operations(Operations.forServer(15)).get(0).name()).isEqualTo("SET NOT NULL users.email_verified through a validated CHECK");
        assertThat(migration.operations(Operations.forServer(18)).get(0).steps(dev.zdm.core.ddl.Phase.CONTRACT)).isEmpty();
        assertThat(migration.operations(Operations.forServer(15)).get(3).steps(dev.zdm.core.ddl.Phase.CONTRACT)).hasSize(1);
    }
}
