package dev.zdm.maven;

import java.io.File;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.internal.configuration.ConfigUtils;

/**
 * The Flyway configuration map of a Maven project, built as flyway-maven-plugin 13.12 builds it for {@code flyway:info}
 * and {@code flyway:migrate}, so that a {@code zdm:} goal talks to the same database with the same settings. Sources,
 * each overriding the ones before (Flyway's precedence):
 * <ol>
 *   <li>{@code ~/flyway.conf}, then {@code ./flyway.conf} (of the directory Maven runs in), if present;</li>
 *   <li>the credentials of {@code <serverId>} in settings.xml, when no user is configured;</li>
 *   <li>the flyway-maven-plugin's {@code <configuration>} parameters ({@code <url>}, {@code <schemas>},
 *       {@code <locations>} (relative {@code filesystem:} ones made absolute against the working directory; default
 *       {@code src/main/resources/db/migration}), {@code <placeholders>}, {@code <jdbcProperties>}, ...);</li>
 *   <li>its {@code <pluginConfiguration>} map, each key prefixed with {@code flyway.} (e.g. {@code zdm.lint.failOn});</li>
 *   <li>the project's properties (every one; Flyway reads the {@code flyway.*} ones);</li>
 *   <li>the {@code configFiles} (from {@code FLYWAY_CONFIG_FILES}, else {@code -Dflyway.configFiles}, else the pom
 *       property, else {@code <configFiles>}), relative to the working directory;</li>
 *   <li>the environment ({@code FLYWAY_URL}, {@code FLYWAY_ZDM_LINT_FAIL_ON}, ...);</li>
 *   <li>the system properties, which in Maven include every {@code -D} of the command line.</li>
 * </ol>
 * The Maven-only keys (configFiles, configFileEncoding, skip, serverId, workingDirectory, ...) are removed at the end,
 * and so are keys outside {@code flyway.*} (Flyway ignores them, except that it routes e.g. {@code zdm.format} to the
 * extension of that namespace, so the goals' own {@code -Dzdm.*} parameters would be taken for flyway-zdm settings).
 * Flyway's own {@link ConfigUtils} reads the files and the environment, as the Flyway plugin does.
 */
final class FlywayMavenConfiguration {
    /** The flyway-maven-plugin parameters that map one to one onto a {@code flyway.<name>} key, in its order. */
    private static final List<String> TEXT = List.of("driver", "url", "user", "password", "connectRetries",
            "connectRetriesInterval", "initSql", "defaultSchema");
    private static final List<String> TEXT_AFTER_SCHEMAS = List.of("table", "tablespace", "baselineVersion", "baselineDescription");
    private static final List<String> ARRAYS_AFTER_LOCATIONS = List.of("callbackLocations", "resolvers");
    private static final List<String> REST = List.of("skipDefaultResolvers", "callbacks*", "skipDefaultCallbacks", "encoding",
            "detectEncoding", "lockRetryCount", "sqlMigrationPrefix", "undoSqlMigrationPrefix", "repeatableSqlMigrationPrefix",
            "sqlMigrationSeparator", "sqlMigrationSuffixes*", "mixed", "group", "installedBy", "cleanDisabled", "outOfOrder",
            "skipExecutingMigrations", "outputQueryResults", "target", "loggers*", "ignoreMigrationPatterns*",
            "validateMigrationNaming", "placeholderReplacement", "placeholderPrefix", "placeholderSuffix", "placeholderSeparator",
            "scriptPlaceholderPrefix", "scriptPlaceholderSuffix", "baselineOnMigrate", "validateOnMigrate", "createSchemas",
            "failOnMissingLocations", "errorOverrides*", "dryRunOutput", "stream", "batch", "kerberosConfigFile");
    private static final List<String> MAVEN_ONLY = List.of(ConfigUtils.CONFIG_FILES, ConfigUtils.CONFIG_FILE_ENCODING,
            "flyway.current", "flyway.skip", "flyway.version", "flyway.serverId", "flyway.workingDirectory");

    /** What the Maven build hands a goal. */
    record Inputs(MavenProject project, Properties userProperties, Properties systemProperties, Map<String, String> environment,
                  Settings settings, SettingsDecrypter decrypter) {
    }

    private final Inputs in;
    private final FlywayPluginModel plugin;

    private FlywayMavenConfiguration(Inputs in) {
        this.in = in;
        this.plugin = FlywayPluginModel.of(in.project());
    }

    /** The effective {@code flyway.*} configuration map. */
    static Map<String, String> resolve(Inputs in) {
        return new FlywayMavenConfiguration(in).resolve();
    }

    /** The directory relative paths are taken from: {@code workingDirectory}, else the project's base directory. */
    static File workingDirectory(Inputs in) {
        return new FlywayMavenConfiguration(in).workDir();
    }

    private Map<String, String> resolve() {
        File workDir = workDir();
        Map<String, String> envVars = ConfigUtils.environmentVariablesToPropertyMap(in.environment());
        String encoding = configFileEncoding(envVars);
        Map<String, String> conf = new HashMap<>();
        conf.putAll(ConfigUtils.loadConfigurationFile(new File(in.systemProperties().getProperty("user.home", ""),
                ConfigUtils.CONFIG_FILE_NAME), encoding, false));
        conf.putAll(ConfigUtils.loadConfigurationFile(new File(ConfigUtils.CONFIG_FILE_NAME), encoding, false));

        String user = parameter("user", ConfigUtils.USER);
        String password = parameter("password", ConfigUtils.PASSWORD);
        String[] credentials = credentialsFromSettings(user);
        if (credentials != null) {
            user = credentials[0];
            password = credentials[1];
        }
        for (String name : TEXT) {
            String value = switch (name) {
                case "user" -> user;
                case "password" -> password;
                default -> parameter(name, "flyway." + name);
            };
            putIfSet(conf, "flyway." + name, value);
        }
        putArrayIfSet(conf, ConfigUtils.SCHEMAS, plugin.array("schemas"));
        for (String name : TEXT_AFTER_SCHEMAS) {
            putIfSet(conf, "flyway." + name, parameter(name, "flyway." + name));
        }
        String[] locations = plugin.array("locations");
        putArrayIfSet(conf, ConfigUtils.LOCATIONS, locations == null
                ? new String[] {"filesystem:" + workDir.getAbsolutePath() + "/src/main/resources/db/migration"}
                : absolute(workDir, locations));
        String[] callbackLocations = plugin.array("callbackLocations");
        putArrayIfSet(conf, "flyway.callbackLocations", callbackLocations == null ? null : absolute(workDir, callbackLocations));
        putArrayIfSet(conf, "flyway.resolvers", plugin.array("resolvers"));
        for (String name : REST) {
            if (name.endsWith("*")) {
                String key = name.substring(0, name.length() - 1);
                putArrayIfSet(conf, "flyway." + key, plugin.array(key));
            } else {
                putIfSet(conf, "flyway." + name, parameter(name, "flyway." + name));
            }
        }
        prefixed(conf, ConfigUtils.PLACEHOLDERS_PROPERTY_PREFIX, plugin.map("placeholders"), true);
        prefixed(conf, ConfigUtils.JDBC_PROPERTIES_PREFIX, plugin.map("jdbcProperties"), true);
        prefixed(conf, "flyway.", plugin.map("pluginConfiguration"), false);

        if (in.project() != null) {
            conf.putAll(ConfigUtils.propertiesToMap(in.project().getProperties()));
        }
        for (File file : configFiles(workDir, envVars)) {
            conf.putAll(ConfigUtils.loadConfigurationFile(file, encoding, true));
        }
        conf.putAll(envVars);
        conf.putAll(ConfigUtils.propertiesToMap(in.systemProperties()));
        MAVEN_ONLY.forEach(conf::remove);
        // Flyway reads only flyway.* keys, but hands other dotted keys to extensions by namespace: the goal's own
        // -Dzdm.format=json would reach flyway-zdm as the (unknown) setting flyway.zdm.format.
        conf.keySet().removeIf(key -> !key.startsWith("flyway."));
        return conf;
    }

    /**
     * A parameter as Maven injects it into flyway-maven-plugin: the {@code <configuration>} element, else (for the
     * parameters bound to a property) the property from the command line, the project or the system.
     */
    private String parameter(String name, String property) {
        String value = plugin.text(name);
        if (value != null) {
            return value;
        }
        if (in.userProperties() != null && in.userProperties().getProperty(property) != null) {
            return in.userProperties().getProperty(property);
        }
        if (in.project() != null && in.project().getProperties().getProperty(property) != null) {
            return in.project().getProperties().getProperty(property);
        }
        return in.systemProperties().getProperty(property);
    }

    private File workDir() {
        File base = in.project() != null && in.project().getBasedir() != null ? in.project().getBasedir()
                : new File("").getAbsoluteFile();
        String workingDirectory = parameter("workingDirectory", "flyway.workingDirectory");
        return workingDirectory == null || workingDirectory.isBlank() ? base : toFile(base, workingDirectory);
    }

    /** settings.xml's {@code <server>} of {@code serverId}, used only when no user is configured (as Flyway does). */
    private String[] credentialsFromSettings(String user) {
        String serverId = parameter("serverId", "flyway.serverId");
        Server server = in.settings() == null || serverId == null ? null : in.settings().getServer(serverId);
        if (server == null) {
            return null;
        }
        if (user != null) {
            throw new FlywayException("You specified credentials both in the Flyway config and settings.xml (server " + serverId
                    + "). Use either one or the other.");
        }
        if (in.decrypter() == null) {
            return new String[] {server.getUsername(), server.getPassword()};
        }
        SettingsDecryptionResult result = in.decrypter().decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() == SettingsProblem.Severity.ERROR || problem.getSeverity() == SettingsProblem.Severity.FATAL) {
                throw new FlywayException("Unable to decrypt the password of server " + serverId + " in settings.xml: "
                        + problem.getMessage(), problem.getException());
            }
        }
        return new String[] {server.getUsername(), result.getServer().getPassword()};
    }

    private List<File> configFiles(File workDir, Map<String, String> envVars) {
        String list = envVars.get(ConfigUtils.CONFIG_FILES);
        if (list == null) {
            list = in.systemProperties().getProperty(ConfigUtils.CONFIG_FILES);
        }
        if (list == null && in.project() != null) {
            list = in.project().getProperties().getProperty(ConfigUtils.CONFIG_FILES);
        }
        if (list != null) {
            return split(list).stream().map(f -> toFile(workDir, f)).toList();
        }
        String[] files = plugin.array("configFiles");
        return files == null ? List.of() : java.util.Arrays.stream(files).map(f -> toFile(workDir, f)).toList();
    }

    private String configFileEncoding(Map<String, String> envVars) {
        if (envVars.containsKey(ConfigUtils.CONFIG_FILE_ENCODING)) {
            return envVars.get(ConfigUtils.CONFIG_FILE_ENCODING);
        }
        if (in.systemProperties().getProperty(ConfigUtils.CONFIG_FILE_ENCODING) != null) {
            return in.systemProperties().getProperty(ConfigUtils.CONFIG_FILE_ENCODING);
        }
        String configured = parameter("configFileEncoding", ConfigUtils.CONFIG_FILE_ENCODING);
        return configured != null ? configured : "UTF-8";
    }

    private static String[] absolute(File workDir, String[] locations) {
        String[] out = locations.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i].startsWith("filesystem:")) {
                out[i] = "filesystem:" + toFile(workDir, out[i].substring("filesystem:".length())).getAbsolutePath();
            }
        }
        return out;
    }

    private static File toFile(File workDir, String name) {
        File file = new File(name);
        return file.isAbsolute() ? file : new File(workDir, name);
    }

    private static List<String> split(String commaSeparated) {
        return java.util.Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static void putIfSet(Map<String, String> conf, String key, String value) {
        if (value != null) {
            conf.put(key, value);
        }
    }

    private static void putArrayIfSet(Map<String, String> conf, String key, String[] values) {
        if (values != null) {
            conf.put(key, String.join(",", values));
        }
    }

    private static void prefixed(Map<String, String> conf, String prefix, Map<String, String> entries, boolean nullAsEmpty) {
        if (entries != null) {
            entries.forEach((k, v) -> conf.put(prefix + k, v == null && nullAsEmpty ? "" : v));
        }
    }
}
