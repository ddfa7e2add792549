package dev.zdm.flyway.internal.verify;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.zdm.core.report.Location;
import dev.zdm.core.report.Outcome;
import java.util.List;

/**
 * What {@code zdm:verify} found on one database: every check of {@link Checks}, passed, failed or unknown, with its
 * evidence. Render it with {@link #toText()}, {@link #toMarkdown()} (for a pull request) or {@link #toJson()}.
 *
 * @param database      the database's name (never a URL: URLs may carry credentials)
 * @param serverVersion PostgreSQL's {@code server_version}
 * @param passed        true when no check failed (an unknown one does not fail)
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
     * @param outcome  passed, failed, or unknown (nothing could answer it: it does not fail the goal)
     * @param evidence what the check looked at, in one line
     * @param problems what failed it, each with what to do (for an unknown check: what would answer it)
     */
    public record CheckResult(String id, String name, String summary, Outcome outcome, String evidence, List<Problem> problems) {
        public CheckResult {
            problems = List.copyOf(problems);
        }

        /** True unless the check failed. */
        @JsonProperty("passed")
        public boolean passed() {
            return outcome != Outcome.FAILED;
        }
    }

    /**
     * One thing that fails a check.
     *
     * @param location the database object or migration line it is about ({@code public.orders_code_key},
     *                 {@code V3__x.sql:4})
     * @param detail   what is wrong, with the evidence (rows found, the state, the error)
     * @param fix      what to do
     */
    public record Problem(Location location, String detail, String fix) {
        /** {@link #location()} as printed, {@code V3__x.sql:4}. */
        @JsonProperty("subject")
        public String subject() {
            return location.display();
        }
    }

    /** The ids of the failed checks. */
    public List<String> failedIds() {
        return ids(Outcome.FAILED);
    }

    /** The ids of the checks with that outcome. */
    public List<String> ids(Outcome outcome) {
        return checks.stream().filter(c -> c.outcome() == outcome).map(CheckResult::id).toList();
    }

    /** The result of that check. */
    public CheckResult check(String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no check " + id));
    }

    /** Human-readable, for a terminal. */
    public String toText() {
        return TextVerify.render(this);
    }

    /** Markdown with {@code [x]}/{@code [ ]}/{@code [?]}, to paste into a pull request. */
    public String toMarkdown() {
        return MarkdownVerify.render(this);
    }

    /** JSON, for tools. */
    public String toJson() {
        return JsonVerify.render(this);
    }
}
