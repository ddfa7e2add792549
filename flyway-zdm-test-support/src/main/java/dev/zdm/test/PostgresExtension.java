package dev.zdm.test;

import dev.zdm.test.server.PostgresServer;
import dev.zdm.test.server.PostgresServers;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class a fresh, empty database on a real PostgreSQL server (see
 * {@link PostgresServers} for how the server is chosen) and drops it after the class.
 * Inject it as a {@link TestDatabase} parameter of a test, lifecycle method or constructor.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        database(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestDatabase db = context.getStore(NAMESPACE).remove(key(context), TestDatabase.class);
        if (db != null) {
            DatabaseLifecycle.drop(db.server(), db.name());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return database(extensionContext);
    }

    /** The database of the outermost test class, shared by its nested classes. */
    private static TestDatabase database(ExtensionContext context) {
        ExtensionContext classContext = outermostClassContext(context);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(key(classContext), k -> {
            PostgresServer server = PostgresServers.shared();
            return DatabaseLifecycle.create(server);
        }, TestDatabase.class);
    }

    private static ExtensionContext outermostClassContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getParent().isPresent() && current.getParent().get().getTestClass().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    private static String key(ExtensionContext context) {
        return "db:" + context.getRequiredTestClass().getName();
    }
}
