package dev.zdm.flyway.internal;

import dev.zdm.core.lint.LintConfig;
import dev.zdm.core.lint.MigrationVersion;
import dev.zdm.core.lock.LockPolicy;
import dev.zdm.core.phase.PhaseMode;
import dev.zdm.core.phase.drain.DrainPolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * The {@code flyway.zdm.*} settings of one Flyway configuration, typed, complete and immutable: every key known,
 * every value read and range-checked, defaults applied. Built when a command connects (AFTER_CONNECT, before anything
 * is applied) and carried by the {@link MigrateRun}; a problem is a {@code ZdmConfigurationException} naming the key,
 * its environment variable, the value and what is allowed.
 *
 * @param enabled     {@code flyway.zdm.enabled}
 * @param lock        the lock-safe runner
 * @param ddl         the safe DDL operations (concurrent index builds, validations)
 * @param backfill    defaults of batched backfills
 * @param lint        the migrate-time lint gate
 * @param rerunEdited {@code flyway.zdm.resumeEdited=rerun}: an edited, half-applied migration or backfill runs again
 * @param summary     every key with its effective value, for the start-of-migrate line
 */
public record ZdmSettings(boolean enabled, Lock lock, Ddl ddl, Backfill backfill, Lint lint, Contract contract, boolean rerunEdited,
                          String summary) {

    /**
     * When contract migrations may run ({@code flyway.zdm.contract}, {@code flyway.zdm.confirmDrained},
     * {@code flyway.zdm.drain.*}).
     *
     * @param allow          {@code contract=allow}: contract migrations run with the others, as in plain Flyway
     * @param confirmDrained the operator's confirmation (a migration version), or null
     * @param oldApplications {@code application_name} patterns of the old application's sessions (may be empty)
     * @param soak           time since the last expand that counts as evidence, or null
     * @param deployerWait   how long a phase command waits for another deployer
     */
    public record Contract(boolean allow, String confirmDrained, List<String> oldApplications, Duration soak, Duration deployerWait) {
        public Contract {
            oldApplications = List.copyOf(oldApplications);
        }

        /** The drain policy of these settings, with {@code confirmDrained} replaced when a command gives its own. */
        public DrainPolicy policy(String confirmedByCommand) {
            return new DrainPolicy(oldApplications, soak, confirmedByCommand != null ? confirmedByCommand : confirmDrained);
        }
    }

    /**
     * The lock-safe runner's settings.
     *
     * @param timeout          lock_timeout of each attempt
     * @param timeoutMax       ceiling of the escalated lock_timeout, or null for no escalation
     * @param retries          retries after a lock timeout, deadlock or serialization failure (0: none)
     * @param retryMaxWait     no retry after this much time since the first attempt
     * @param statementTimeout statement_timeout of migration statements, or null for none
     * @param keepTransactionalLock keep Flyway's transaction-level advisory lock
     */
    public record Lock(Duration timeout, Duration timeoutMax, int retries, Duration retryMaxWait, Duration statementTimeout,
                       boolean keepTransactionalLock) {

        /** The retry policy: backoff from 100 ms, at most 3 s between attempts. */
        public LockPolicy policy() {
            return new LockPolicy(timeout, timeoutMax, retries + 1, retryMaxWait, Duration.ofMillis(100), Duration.ofSeconds(3),
                    statementTimeout);
        }
    }

    /**
     * The safe DDL operations' settings ({@code flyway.zdm.index*}).
     *
     * @param waitTimeout      longest wait for older transactions or a lock
     * @param buildRetries     retries of a failed concurrent build (0: one attempt)
     * @param buildTimeout     statement_timeout of a build or validation scan, or null for none
     * @param progressInterval how often a long build or wait is logged
     */
    public record Ddl(Duration waitTimeout, int buildRetries, Duration buildTimeout, Duration progressInterval) {
    }

    /**
     * Defaults of every batched backfill of the run ({@code flyway.zdm.backfill.*}).
     *
     * @param maxReplicationLag pause while a standby lags more; zero: never pause
     * @param maxRetries        retries of one batch (0: none)
     */
    public record Backfill(Duration targetBatchDuration, Duration lockTimeout, Duration statementTimeout,
                           Duration maxReplicationLag, int maxRetries, Duration progressInterval) {
    }

    /**
     * The migrate-time lint gate ({@code flyway.zdm.lint.*}, {@code flyway.zdm.postgresVersion} and {@code flyway.zdm.phases}).
     *
     * @param gate            whether the gate runs
     * @param failOn          error, warning, info or none
     * @param smallTableRows  tables with fewer rows have their locking findings downgraded
     * @param assumeRunner    migrations run under the lock-safe runner
     * @param rules           per-rule levels as given ({@code ZDM102 -> off}), already checked
     * @param since           the first version not yet in production ({@code V} removed), or null
     * @param baseline        the zdm:lint baseline file, or empty
     * @param accept          accepted findings ({@code RULE@MIGRATION:reason;...}), or empty
     * @param postgresVersion the major version to lint for, or null to read it from the connection
     * @param phases          {@code flyway.zdm.phases}: how a migration without {@code -- zdm:phase=} is judged
     */
    public record Lint(boolean gate, String failOn, long smallTableRows, boolean assumeRunner, Map<String, String> rules,
                       String since, String baseline, String accept, Integer postgresVersion, PhaseMode phases) {
        public Lint {
            rules = Map.copyOf(rules);
            Objects.requireNonNull(phases, "phases");
        }
    }

    /**
     * The settings of the running {@code migrate} (the one object its {@link MigrateRun} carries), else those read when
     * the command connected, else those of the configuration, read now.
     */
    public static ZdmSettings current(Configuration configuration) {
        MigrateRun run = MigrateRun.current();
        if (run != null) {
            return run.settings();
        }
        ZdmSettings connected = MigrateRun.connectedSettings(configuration);
        return connected != null ? connected : of(configuration);
    }

    /** Reads and validates the settings of a Flyway configuration. */
    public static ZdmSettings of(Configuration configuration) {
        SettingsDeclaration declaration = configuration.getPluginRegister().getPluginInstanceOf(SettingsDeclaration.class);
        if (declaration == null) {
            throw new IllegalStateException("flyway-zdm's ZdmConfigurationExtension is not among Flyway's plugins: is the"
                    + " flyway-zdm-callbacks jar complete (META-INF/services)?");
        }
        ZdmKeyAudit audit = configuration.getPluginRegister().getExact(ZdmKeyAudit.class);
        return of(declaration, audit == null ? Map.of() : audit.seenKeys());
    }

    static ZdmSettings of(SettingsDeclaration declaration, Map<String, String> seenKeys) {
        SettingValues v = SettingValues.read(declaration, seenKeys);
        Lock lock = new Lock(v.duration("lockTimeout"), v.duration("lockTimeoutMax"), (int) v.count("lockRetries"),
                v.duration("lockRetryMaxWait"), noneIfZero(v.duration("statementTimeout")), v.bool("keepTransactionalLock"));
        if (lock.timeoutMax() != null && lock.timeoutMax().compareTo(lock.timeout()) < 0) {
            throw v.invalid("lockTimeoutMax", written(lock.timeoutMax()), "is less than flyway.zdm.lockTimeout ("
                    + written(lock.timeout()) + "): the lock timeout only grows up to it. Raise it, or leave it unset for no escalation");
        }
        Ddl ddl = new Ddl(v.duration("indexWaitTimeout"), (int) v.count("indexBuildRetries"), noneIfZero(v.duration("indexBuildTimeout")),
                v.duration("indexProgressInterval"));
        Backfill backfill = new Backfill(v.duration("backfill.targetBatchDuration"), v.duration("backfill.lockTimeout"),
                v.duration("backfill.statementTimeout"), v.duration("backfill.maxReplicationLag"), (int) v.count("backfill.maxRetries"),
                v.duration("backfill.progressInterval"));
        Lint lint = new Lint(v.bool("lint.gate"), v.choice("lint.failOn"), v.count("lint.smallTableRows"), v.bool("lint.assumeRunner"),
                rules(v, v.text("lint.rules")), since(v, v.text("lint.since")), v.text("lint.baseline"), v.text("lint.accept"),
                postgresVersion(v, v.text("postgresVersion")), PhaseMode.parse(v.choice("phases")));
        Contract contract = new Contract("allow".equals(v.choice("contract")), version(v, "confirmDrained", v.text("confirmDrained")),
                patterns(v.text("drain.oldApplicationName")), v.duration("drain.soak"), v.duration("drain.deployerWait"));
        return new ZdmSettings(v.bool("enabled"), lock, ddl, backfill, lint, contract, "rerun".equals(v.choice("resumeEdited")), v.summary());
    }

    public ZdmSettings {
        Objects.requireNonNull(lock, "lock");
        Objects.requireNonNull(ddl, "ddl");
        Objects.requireNonNull(backfill, "backfill");
        Objects.requireNonNull(lint, "lint");
        Objects.requireNonNull(contract, "contract");
    }

    /**
     * A duration as a setting is written ({@code 200ms}, {@code 5m}), for messages that tell the user which value to
     * change: the largest unit that divides it exactly, so that the text can be pasted back as a value.
     */
    public static String written(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms != 0 && ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    private static Duration noneIfZero(Duration d) {
        return d == null || d.isZero() ? null : d;
    }

    private static Map<String, String> rules(SettingValues v, String text) {
        try {
            return LintConfig.parseRuleSettings(text);
        } catch (IllegalArgumentException e) {
            throw v.invalid("lint.rules", text, "cannot be read: " + e.getMessage());
        }
    }

    private static String since(SettingValues v, String since) {
        return version(v, "lint.since", since);
    }

    /** A migration version setting, {@code V} prefix removed; null when unset. */
    private static String version(SettingValues v, String key, String text) {
        if (text.isEmpty()) {
            return null;
        }
        String version = text.regionMatches(true, 0, "V", 0, 1) ? text.substring(1) : text;
        try {
            MigrationVersion.parse(version);
            return version;
        } catch (IllegalArgumentException e) {
            throw v.invalid(key, text, "must be a migration version such as 12 or 1.2 (V12 is read as 12)");
        }
    }

    private static List<String> patterns(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    private static Integer postgresVersion(SettingValues v, String version) {
        if (version.isEmpty()) {
            return null;
        }
        if (!version.matches("\\d{1,2}")) {
            throw v.invalid("postgresVersion", version, "must be a PostgreSQL major version such as 15");
        }
        return Integer.parseInt(version);
    }
}
