package dev.zdm.flyway;

import dev.zdm.flyway.internal.Setting;
import dev.zdm.flyway.internal.Setting.Kind;

/**
 * The {@code flyway.zdm.lint.*} settings: the migrate-time gate that lints pending migrations before
 * {@code migrate} applies any of them. See docs/configuration.md and docs/rules.md.
 */
public class ZdmLintSettings {

    @Setting(kind = Kind.BOOLEAN, defaultValue = "true",
            doc = "At the start of `migrate` on a database in use, lint every pending SQL migration against the live database and"
                    + " refuse to start (nothing applied) when a finding reaches `lint.failOn`, or when a `-- zdm:` directive is"
                    + " wrong (ZDM144; whatever `lint.failOn` says). A fresh database (no applied migration) is not gated.")
    private String gate;

    @Setting(kind = Kind.CHOICE, defaultValue = "error", choices = {"error", "warning", "info", "none"},
            doc = "The severity at which the gate refuses to start; `none` only logs the findings.")
    private String failOn;

    @Setting(kind = Kind.COUNT, defaultValue = "10000", zeroAllowed = true,
            zero = "no table counts as small: no finding is downgraded for its size",
            doc = "A locking finding (impact `locking`, docs/rules.md) on a table with fewer rows (pg_class.reltuples, else the"
                    + " statistics' live tuples; the gate never reads or locks the table itself) is downgraded to `info`, with the"
                    + " size in the message. Findings on tables that do not exist yet or are created by a pending migration of the"
                    + " same run are always downgraded.")
    private String smallTableRows;

    @Setting(kind = Kind.BOOLEAN, defaultValue = "true",
            doc = "Migrations run under flyway-zdm's runner, which sets `lock_timeout`; `false` enables ZDM143 (a blocking lock"
                    + " without `lock_timeout`).")
    private String assumeRunner;

    @Setting(kind = Kind.TEXT, values = "`RULE:LEVEL,...`",
            doc = "Per-rule enable/severity: a comma-separated list of rule id and `off`, `info`, `warning` or `error`, e.g."
                    + " `ZDM102:off,ZDM142:error`. One key for all rules keeps the key set fixed (unknown keys are errors); unknown"
                    + " rule ids are reported. With `flyway.mixed=true` the gate switches ZDM104 off unless this key sets it.")
    private String rules;

    @Setting(kind = Kind.TEXT, values = "version, e.g. `12` or `V12`",
            doc = "Pending migrations older than this version are not gated (they are read, to know the schema). The same"
                    + " meaning as `zdm:lint`'s `zdm.since`: the first version not yet in production.")
    private String since;

    @Setting(kind = Kind.TEXT, values = "file path",
            doc = "The baseline file `zdm:lint` writes (`-Dzdm.writeBaseline=true -Dzdm.baseline=<file>`): findings it lists"
                    + " (rule, file, statement fingerprint) are accepted by the gate too. A relative path is taken from the"
                    + " working directory; a missing file is logged as a warning and accepts nothing.")
    private String baseline;

    @Setting(kind = Kind.TEXT, values = "`RULE@MIGRATION:reason;...`",
            doc = "Accepts findings without editing the migration (which would change Flyway's checksum of an applied file):"
                    + " rule id, `@`, the migration's version (`V12`, `12`, `1.2`; a repeatable migration by its file name), `:`,"
                    + " and the reason (required). Entries are separated by `;`, or by `,` directly followed by the next `RULE@`,"
                    + " so a reason may contain commas: `ZDM101@V12:orders has 2k rows;ZDM120@V13:column unused since 3.2`. Each"
                    + " accepted finding is logged with its reason; an entry naming no existing rule (with a did-you-mean) or"
                    + " matching no finding of the pending migrations is logged as a warning.")
    private String accept;

    public String getSince() {
        return since;
    }

    public void setSince(String since) {
        this.since = since;
    }

    public String getBaseline() {
        return baseline;
    }

    public void setBaseline(String baseline) {
        this.baseline = baseline;
    }

    public String getAccept() {
        return accept;
    }

    public void setAccept(String accept) {
        this.accept = accept;
    }

    public String getGate() {
        return gate;
    }

    public void setGate(String gate) {
        this.gate = gate;
    }

    public String getFailOn() {
        return failOn;
    }

    public void setFailOn(String failOn) {
        this.failOn = failOn;
    }

    public String getSmallTableRows() {
        return smallTableRows;
    }

    public void setSmallTableRows(String smallTableRows) {
        this.smallTableRows = smallTableRows;
    }

    public String getAssumeRunner() {
        return assumeRunner;
    }

    public void setAssumeRunner(String assumeRunner) {
        this.assumeRunner = assumeRunner;
    }

    public String getRules() {
        return rules;
    }

    public void setRules(String rules) {
        this.rules = rules;
    }
}
