package dev.zdm.flyway;

import dev.zdm.flyway.internal.Setting;
import dev.zdm.flyway.internal.Setting.Kind;

/**
 * The {@code flyway.zdm.drain.*} settings: the evidence that no instance of the old application still runs, which a
 * contract migration waits for (see docs/phases.md). The operator's confirmation is {@code flyway.zdm.confirmDrained}.
 */
public class ZdmDrainSettings {

    @Setting(kind = Kind.TEXT, values = "comma-separated `application_name` patterns, `*` matches any text",
            doc = "The `application_name` of the old application's sessions (set `ApplicationName=orders-v41` in its JDBC URL)."
                    + " While a session in `pg_stat_activity` matches, contract migrations are held back. Unset: not a source.")
    private String oldApplicationName;

    @Setting(kind = Kind.DURATION, max = "720h",
            zero = "refused: leave the key unset when the time since the expand is not evidence",
            doc = "A contract migration may run once this much time has passed since the last expand migration was applied"
                    + " (and no contrary evidence: old sessions, statements on what it removes). Unset: only the operator's"
                    + " confirmation counts.")
    private String soak;

    @Setting(kind = Kind.DURATION, defaultValue = "30s", max = "1h", zeroAllowed = true,
            zero = "no waiting: a second deployer refuses at once",
            doc = "How long `zdm:expand`, `zdm:contract` or `zdm:rollback` waits for another deployer running one of them on"
                    + " the same history before it refuses, naming it.")
    private String deployerWait;

    public String getOldApplicationName() {
        return oldApplicationName;
    }

    public void setOldApplicationName(String oldApplicationName) {
        this.oldApplicationName = oldApplicationName;
    }

    public String getSoak() {
        return soak;
    }

    public void setSoak(String soak) {
        this.soak = soak;
    }

    public String getDeployerWait() {
        return deployerWait;
    }

    public void setDeployerWait(String deployerWait) {
        this.deployerWait = deployerWait;
    }
}
