package dev.zdm.flyway;

import dev.zdm.core.phase.MigrationPhase;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The phase of a Java migration, as {@code -- zdm:phase=...} declares it for a SQL migration:
 * <pre>
 * &#64;ZdmPhase(MigrationPhase.CONTRACT)
 * public class V9__Drop_legacy_name extends ZdmJavaMigration { ... }
 * </pre>
 * {@code EXPAND}: additive, the application version still deployed keeps working; {@code MIGRATE}: data (backfills);
 * {@code CONTRACT}: tightening or removing, only once no instance of the old version runs. A {@link ZdmOperationsMigration}
 * needs no annotation: it is an expand migration whose contract steps wait for {@code zdm:contract}. Not inherited: each
 * migration declares its own phase.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ZdmPhase {
    MigrationPhase value();
}
