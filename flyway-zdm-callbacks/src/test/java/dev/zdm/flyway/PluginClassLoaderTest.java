package dev.zdm.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Where the extension's jar must sit for Flyway 13.12 to find it (README "Other ways to run Flyway"): Flyway's
 * {@code PluginRegister} reads {@code META-INF/services} through flyway-core's own class loader, not through the
 * configuration's class loader. So the jar works next to flyway-core (the application class path, a
 * {@code <dependency>} of flyway-maven-plugin, Gradle's {@code buildscript} class path, the command-line tool's
 * {@code lib/} folder), and is silently ignored on the configuration's class loader, which is where the command-line
 * tool puts the jars of its {@code jars/} folder. Each case loads a separate copy of flyway-core in its own class
 * loader, as the command-line tool's launcher does, with no database needed.
 */
class PluginClassLoaderTest {
    private static final String EXTENSION = ZdmConfigurationExtension.class.getName();

    @Test
    void aJarNextToFlywayCoreIsFound() throws Exception {
        try (URLClassLoader lib = new URLClassLoader(concat(flywayJars(), extensionJars()), ClassLoader.getPlatformClassLoader())) {
            assertThat(pluginClassNames(lib, lib)).contains(EXTENSION);
        }
    }

    @Test
    void aJarOnlyOnTheConfigurationsClassLoaderIsNotFound() throws Exception {
        try (URLClassLoader lib = new URLClassLoader(flywayJars(), ClassLoader.getPlatformClassLoader());
             URLClassLoader jars = new URLClassLoader(extensionJars(), lib)) {
            // The extension's classes are loadable through the configuration's loader, yet Flyway does not register them.
            assertThat(jars.loadClass(EXTENSION)).isNotNull();
            assertThat(pluginClassNames(lib, jars)).isNotEmpty().doesNotContain(EXTENSION);
        }
    }

    /** The class names of the plugins a Flyway loaded from {@code flywayLoader}, configured with {@code configurationLoader}. */
    private static List<String> pluginClassNames(ClassLoader flywayLoader, ClassLoader configurationLoader) throws Exception {
        Class<?> flyway = flywayLoader.loadClass(Flyway.class.getName());
        Object fluent = flyway.getMethod("configure", ClassLoader.class).invoke(null, configurationLoader);
        Object loaded = fluent.getClass().getMethod("load").invoke(fluent);
        Object configuration = flyway.getMethod("getConfiguration").invoke(loaded);
        Object register = configuration.getClass().getMethod("getPluginRegister").invoke(configuration);
        Class<?> plugin = flywayLoader.loadClass("org.flywaydb.core.extensibility.Plugin");
        Method instancesOf = register.getClass().getMethod("getInstancesOf", Class.class);
        return ((List<?>) instancesOf.invoke(register, plugin)).stream().map(p -> p.getClass().getName()).toList();
    }

    private static URL[] flywayJars() throws Exception {
        return new URL[] {location(Flyway.class), location("org.flywaydb.database.postgresql.PostgreSQLDatabaseType"),
                location("org.postgresql.Driver")};
    }

    /** The jars a user adds: flyway-zdm-callbacks, flyway-zdm-core and their libraries (SLF4J, Jackson). */
    private static URL[] extensionJars() throws Exception {
        return new URL[] {location(ZdmConfigurationExtension.class), location("dev.zdm.core.ZdmError"),
                location("org.slf4j.LoggerFactory"), location("tools.jackson.databind.ObjectMapper"),
                location("tools.jackson.core.JsonParser"), location("com.fasterxml.jackson.annotation.JsonProperty")};
    }

    private static URL location(String className) throws Exception {
        return location(Class.forName(className));
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    private static URL[] concat(URL[] a, URL[] b) {
        URL[] out = new URL[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
