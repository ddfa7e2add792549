package dev.zdm.flyway.internal.verify;

import java.util.List;

/**
 * What {@code zdm:verify} found on one database: every check of {@link Checks}, passed or failed, with its evidence.
 * Render it with {@link #toText()}, {@link #toMarkdown()} (for a pull request) or {@link #toJson()}.
 *
 * @param database      the database's name (never a URL: URLs may carry credentials)
 * @param serverVersion PostgreSQL's {@code server_version}
 * @param passed        true when every check passed
 * @param checks        every check, in id order
 */
public record VerifyReport(String database, String serverVersion, boolean passed, List<CheckResult> checks) {
    public VerifyReport(String database, String serverVersion, List<CheckResult> checks) {
        this(database, serverVersion, checks.stream().allMatch(CheckResult::passed), List.copyOf(checks));
    }

    /**
     * One check's result.
     *
     * @param id       {@code ZDV01}
     * @param name     {@code invalid-index}
     * @param summary  what passes
     * @param passed   true when nothing was found
     * @param evidence what the check looked at, in one line
     * @param problems what failed it, each with what to do
     */
    public record CheckResult(String id, String name, String summary, boolean passed, String evidence, List<Problem> problems) {
    }

    /**
     * One thing that fails a check.
     *
     * @param subject the database object or migration line it is about ({@code public.orders_code_key},
     *                {@code V3__x.sql:4})
     * @param detail  what is wrong, with the evidence (rows found, the state, the error)
     * @param fix     what to do
     */
    public record Problem(String subject, String detail, String fix) {
    }

    /** The ids of the failed checks. */
    public List<String> failedIds() {
        return checks.stream().filter(c -> !c.passed()).map(CheckResult::id).toList();
    }

    /** Human-readable, for a terminal. */
    public String toText() {
        return TextVerify.render(this);
    }

    /** Markdown with {@code [x]}/{@code [ ]}, to paste into a pull request. */
    public String toMarkdown() {
        return MarkdownVerify.render(this);
    }

    /** JSON, for tools. */
    public String toJson() {
        return JsonVerify.render(this);
    }
}
