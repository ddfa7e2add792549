package dev.zdm.flyway.internal.phase;

import dev.zdm.core.ZdmErrorCode;
import dev.zdm.core.phase.MigrationPhase;
import dev.zdm.flyway.api.ZdmMigrationException;
import dev.zdm.flyway.internal.operations.OperationsDeclaration;
import java.lang.annotation.Annotation;
import java.util.Optional;

/**
 * The phase a Java migration declares:
 * <pre>
 * &#64;ZdmPhase(MigrationPhase.CONTRACT)
 * public class V9__Drop_legacy_name extends BaseJavaMigration { ... }
 * </pre>
 * An operation migration ({@code ZdmOperationsMigration}) is {@code expand}: when Flyway applies it only its expand steps
 * run on a database in use, and its contract steps wait for {@code zdm:contract}. A migration without the annotation
 * declares nothing (empty), like a SQL migration without {@code -- zdm:phase=}. Flyway's {@code MigrationInfo.getScript()}
 * is the class name of a Java migration.
 */
public final class JavaMigrationPhases {
    /** The annotation's name: read by name, so that a copy loaded by another class loader is read too. */
    static final String ANNOTATION = "dev.zdm.flyway.ZdmPhase";

    private JavaMigrationPhases() {
    }

    /**
     * The phase of the Java migration {@code className}, loaded (not initialised) with {@code loader}.
     *
     * @throws ZdmMigrationException the class cannot be loaded (the message names it and the classpath to check), or it is
     *                               an operation migration declaring another phase than {@code expand}
     */
    public static Optional<MigrationPhase> of(String className, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ZdmMigrationException("Java migration " + className + ": its class cannot be loaded to read its phase (" + e
                    + "). Put the compiled migrations on the command's classpath (with Maven: run it in the module that holds them, "
                    + "after compiling) or set Flyway's classLoader to one that sees them.", e);
        }
        return of(type);
    }

    /** The phase {@code type} declares; see {@link #of(String, ClassLoader)}. */
    public static Optional<MigrationPhase> of(Class<?> type) {
        Optional<MigrationPhase> declared = declared(type);
        if (!OperationsDeclaration.class.isAssignableFrom(type)) {
            return declared;
        }
        if (declared.isPresent() && declared.get() != MigrationPhase.EXPAND) {
            throw new ZdmMigrationException(ZdmErrorCode.MIGRATION_FAILED, "Java migration " + type.getName() + " declares @ZdmPhase("
                    + declared.get() + "), but it is a ZdmOperationsMigration: its expand steps run when it is applied and its "
                    + "contract steps at zdm:contract, so it is an expand migration. Remove the annotation, or move the operations "
                    + "that must wait into a migration of their own.", null);
        }
        return Optional.of(MigrationPhase.EXPAND);
    }

    private static Optional<MigrationPhase> declared(Class<?> type) {
        for (Annotation annotation : type.getDeclaredAnnotations()) {
            if (annotation.annotationType().getName().equals(ANNOTATION)) {
                return Optional.of(value(annotation, type));
            }
        }
        return Optional.empty();
    }

    private static MigrationPhase value(Annotation annotation, Class<?> type) {
        try {
            Object value = annotation.annotationType().getMethod("value").invoke(annotation);
            return MigrationPhase.valueOf(((Enum<?>) value).name());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ZdmMigrationException("Java migration " + type.getName() + ": its @ZdmPhase cannot be read (" + e + ")", e);
        }
    }
}
