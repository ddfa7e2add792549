package dev.zdm.flyway.internal.operations;

import dev.zdm.core.ddl.Operation;
import dev.zdm.core.ddl.Operations;
import java.util.List;

/**
 * A Java migration that lists operations ({@code dev.zdm.flyway.ZdmOperationsMigration} implements it): its expand
 * steps run when Flyway applies it, its contract steps later. An interface here so that the internal code that runs them
 * never sees the public class.
 */
public interface OperationsDeclaration {
    /** The migration's operations, in the order they run, built with {@code operations} (the server's factory). */
    List<Operation> operations(Operations operations);
}
