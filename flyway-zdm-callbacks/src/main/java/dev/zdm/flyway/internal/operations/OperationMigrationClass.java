package dev.zdm.flyway.internal.operations;

import dev.zdm.core.ZdmErrorCode;
import dev.zdm.core.ddl.Operation;
import dev.zdm.core.ddl.Operations;
import dev.zdm.core.ddl.Phase;
import dev.zdm.flyway.api.OperationMigrationException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An operation migration's class and what it declares: loaded by name with Flyway's class loader (a waiting contract
 * names its class in {@code zdm_phase_state}), instantiated with its no-arg constructor as Flyway does, its operations
 * built for the server, and the detail recorded with its phases.
 */
final class OperationMigrationClass {
    /** The public base class, named in messages (internal code does not reference it). */
    static final String BASE_CLASS = "dev.zdm.flyway.ZdmOperationsMigration";
    static final String DETAIL_CLASS = "class";
    static final String DETAIL_OPERATIONS = "operations";
    static final String DETAIL_SEARCH_PATH = "searchPath";
    /** A SQL migration's column change ({@code ColumnChangeDirective#toMap}): the operation is rebuilt from it, not loaded. */
    static final String DETAIL_COLUMN_CHANGE = "columnChange";

    private OperationMigrationClass() {
    }

    /** The migration {@code className}, instantiated, or an error that names it and says how to make it loadable. */
    static OperationsDeclaration load(ClassLoader loader, String className, String why) throws OperationMigrationException {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new OperationMigrationException(ZdmErrorCode.MIGRATION_FAILED, "Operation migration " + className + " " + why
                    + ", but its class cannot be loaded with Flyway's class loader (" + e + "). Run the command with the compiled "
                    + "migrations on its classpath: with Maven, in the module whose target/classes (or a dependency) holds them, "
                    + "after compiling; with the Flyway API, set classLoader(...) to a loader that sees them. Nothing was changed.", e);
        }
        if (!OperationsDeclaration.class.isAssignableFrom(type)) {
            throw new OperationMigrationException(ZdmErrorCode.MIGRATION_FAILED, "Operation migration " + className + " " + why
                    + ", but the class found under that name does not extend " + BASE_CLASS + " (it extends "
                    + type.getSuperclass().getName() + "). Was it replaced? Restore the migration as it was applied. Nothing was changed.", null);
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return (OperationsDeclaration) constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new OperationMigrationException(ZdmErrorCode.MIGRATION_FAILED, "Operation migration " + className + " " + why
                    + ", but its constructor failed: " + e.getCause() + ". Nothing was changed.", e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new OperationMigrationException(ZdmErrorCode.MIGRATION_FAILED, "Operation migration " + className + " " + why
                    + ", but it cannot be instantiated (" + e + "): it needs a no-arg constructor, as Flyway requires of Java "
                    + "migrations. Nothing was changed.", e);
        }
    }

    /** The operations {@code migration} declares; an error naming it when {@code define} fails or declares nothing. */
    static List<Operation> operations(OperationsDeclaration migration, Operations factory, String className)
            throws OperationMigrationException {
        List<Operation> operations;
        try {
            operations = migration.operations(factory);
        } catch (RuntimeException e) {
            throw new OperationMigrationException(ZdmErrorCode.MIGRATION_FAILED, "Migration " + className + ": define(ops) failed: "
                    + e.getMessage() + ". Nothing was changed: correct define and run again.", e);
        }
        if (operations.isEmpty()) {
            throw new OperationMigrationException(ZdmErrorCode.MIGRATION_FAILED, "Migration " + className + ": define(ops) declares no "
                    + "operation. Add one, for example ops.setNotNull(\"users\", \"email_verified\"). Nothing was changed.", null);
        }
        return operations;
    }

    /** Whether any operation has contract steps (else nothing waits). */
    static boolean hasContractSteps(List<Operation> operations) {
        return operations.stream().anyMatch(op -> !op.steps(Phase.CONTRACT).isEmpty());
    }

    /** What {@code zdm_phase_state.detail} keeps of the migration: its class, its operations, the search_path its names resolve in. */
    static Map<String, Object> detail(String className, List<Operation> operations, String searchPath) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put(DETAIL_CLASS, className);
        List<String> names = new ArrayList<>();
        operations.forEach(op -> names.add(op.name()));
        detail.put(DETAIL_OPERATIONS, names);
        detail.put(DETAIL_SEARCH_PATH, searchPath);
        return detail;
    }
}
