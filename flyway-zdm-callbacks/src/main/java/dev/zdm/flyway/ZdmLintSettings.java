package dev.zdm.flyway;

/**
 * The {@code flyway.zdm.lint.*} settings: the migrate-time gate that lints pending migrations before
 * {@code migrate} applies any of them. See docs/configuration.md and docs/rules.md.
 */
public class ZdmLintSettings {

    @Setting(kind = Setting.Kind.BOOLEAN, defaultValue = "true",
            doc = "Lint the pending SQL migrations at the start of migrate and refuse to start when a finding reaches failOn.")
    private String gate;

    @Setting(kind = Setting.Kind.CHOICE, defaultValue = "error", choices = {"error", "warning", "info", "none"},
            doc = "The severity at which the gate refuses to start migrate (none: report only).")
    private String failOn;

    @Setting(kind = Setting.Kind.COUNT, defaultValue = "10000",
            doc = "Tables with fewer rows than this (pg_class estimate, else live tuples from the statistics) have their locking findings downgraded to info.")
    private String smallTableRows;

    @Setting(kind = Setting.Kind.BOOLEAN, defaultValue = "true",
            doc = "Migrations run under flyway-zdm's lock-safe runner, which sets lock_timeout; false enables rule ZDM143 (missing lock_timeout).")
    private String assumeRunner;

    @Setting(kind = Setting.Kind.TEXT,
            doc = "Per-rule overrides, comma-separated RULE:LEVEL with LEVEL off, info, warning or error (e.g. ZDM102:off,ZDM142:error).")
    private String rules;

    @Setting(kind = Setting.Kind.TEXT,
            doc = "A migration version: pending migrations older than it are in production already and are not gated (zdm:lint's zdm.since).")
    private String since;

    @Setting(kind = Setting.Kind.TEXT,
            doc = "The baseline file zdm:lint writes (-Dzdm.writeBaseline): the findings it lists are accepted by the gate too.")
    private String baseline;

    @Setting(kind = Setting.Kind.TEXT,
            doc = "Findings accepted without editing the migration: RULE@MIGRATION:reason entries separated by ';' "
                    + "(e.g. ZDM101@V12:orders has 2k rows;ZDM120@V13:column unused since 3.2). The reason is required.")
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
