package dev.zdm.flyway.internal.verify;

import java.util.Locale;

/** Renders {@code docs/checks.md} from the check classes, so the docs cannot drift from the code. */
public final class ChecksDoc {
    private ChecksDoc() {
    }

    public static String render() {
        StringBuilder out = new StringBuilder();
        out.append("# flyway-zdm verify checks\n\n")
                .append("<!-- Generated from the check classes in flyway-zdm-callbacks (dev.zdm.flyway.internal.verify) by ")
                .append("ChecksDoc; ChecksDocTest fails when this file differs. Regenerate: mvn -pl flyway-zdm-callbacks -am test ")
                .append("-Dtest=ChecksDocTest -Dsurefire.failIfNoSpecifiedTests=false -Dzdm.updateDocs=true -->\n\n")
                .append("`mvn zdm:verify` (or `ZdmCommands.of(flyway).verify()`) runs these checks after the migrations, on the ")
                .append("database of the project's Flyway configuration and in the schemas Flyway manages. It only reads: every ")
                .append("check runs in a read-only transaction with `lock_timeout` ").append(ReadOnlyTransaction.LOCK_WAIT.toSeconds())
                .append("s and a `statement_timeout`, reads catalogs, statistics and flyway-zdm's bookkeeping tables, and ")
                .append("scans a user table only to count the rows breaking a NOT VALID constraint (ACCESS SHARE, counting at most ")
                .append(ConstraintViolationCheck.LIMIT + 1).append(" of them, within the statement timeout) or when a `-- zdm:verify` query does. The report ")
                .append("is text, Markdown (`-Dzdm.format=markdown`, a task list for a pull request) or JSON; the goal fails ")
                .append("when a check fails.\n\n")
                .append("Declare a check of your own in a migration with `-- zdm:verify <query returning true>` above a statement ")
                .append("(or at the top of the file, followed by a blank line), for example\n`")
                .append(dev.zdm.core.sql.Directives.VERIFY.example()).append("`.\n\n")
                .append("| id | check | passes when |\n|---|---|---|\n");
        for (IntegrityCheck c : Checks.all()) {
            out.append("| [").append(c.id()).append("](#").append(c.id().toLowerCase(Locale.ROOT)).append(") | ").append(c.name())
                    .append(" | ").append(c.summary()).append(" |\n");
        }
        for (IntegrityCheck c : Checks.all()) {
            out.append("\n## ").append(c.id()).append("\n\n**").append(c.name()).append("**: ").append(c.summary()).append(".\n\n")
                    .append("**Why.** ").append(c.why()).append("\n\n**Fix.** ").append(c.fix()).append("\n");
        }
        return out.toString();
    }
}
