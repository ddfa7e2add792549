package dev.zdm.flyway.internal.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.core.lock.SessionInfo;
import dev.zdm.flyway.internal.watch.WatchSnapshot.BackfillProgress;
import dev.zdm.flyway.internal.watch.WatchSnapshot.BlockedSession;
import dev.zdm.flyway.internal.watch.WatchSnapshot.IndexBuild;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON line of one tick and the Markdown summary of several, on snapshots built by hand. */
class WatchFormatsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final SessionInfo HOLDER = new SessionInfo(100, "batch", "app", "local", "idle in transaction",
            Duration.ofSeconds(40), Duration.ofSeconds(12), "LOCK TABLE orders");
    private static final SessionInfo WAITER_A = new SessionInfo(200, "web", "app", "10.0.0.1", "active", Duration.ofSeconds(3),
            Duration.ofSeconds(3), "SELECT count(*) FROM orders WHERE flags = $1 | $2");
    private static final SessionInfo WAITER_B = new SessionInfo(201, "web", "app", "10.0.0.2", "active", Duration.ofSeconds(1),
            Duration.ofSeconds(1), "UPDATE orders SET note = $1");

    private static WatchSnapshot tick(int n, List<BlockedSession> blocked, List<BackfillProgress> backfills, List<IndexBuild> builds) {
        return new WatchSnapshot(n, T0.plusSeconds(n), List.of("public.orders"), blocked, backfills, builds, List.of(), List.of());
    }

    private static BlockedSession waiting(SessionInfo who, long seconds) {
        return new BlockedSession(who, "public.orders", "AccessShareLock", Duration.ofSeconds(seconds), true, List.of(HOLDER));
    }

    @Test
    void aTickIsOneLineOfJsonWithEveryKey() throws Exception {
        String line = JsonWatch.line(tick(1, List.of(waiting(WAITER_A, 3)), List.of(), List.of()));
        assertThat(line).endsWith("\n").doesNotContain("\n{").hasLineCount(1);
        JsonNode n = JsonMapper.builder().build().readTree(line);
        assertThat(n.get("tick").asInt()).isEqualTo(1);
        assertThat(n.get("at").asString()).isEqualTo("2026-12-01T10:00:01Z");
        JsonNode b = n.get("blocked").get(0);
        assertThat(b.get("session").get("pid").asInt()).isEqualTo(200);
        assertThat(b.get("waitingMs").asLong()).isEqualTo(3000);
        assertThat(b.get("blockers").get(0).get("applicationName").asString()).isEqualTo("batch");
        assertThat(b.get("blockers").get(0).get("transactionMs").asLong()).isEqualTo(40_000);
        assertThat(n.get("backfills").isArray()).isTrue();
        assertThat(n.get("indexBuilds").isArray()).isTrue();
        assertThat(n.get("holders").isArray()).isTrue();
    }

    @Test
    void theSummaryNamesTheMostBlockedTheLongestWaitTheBlockerAndWhatRan() {
        WatchSummary summary = new WatchSummary();
        summary.add(tick(1, List.of(waiting(WAITER_A, 1)), List.of(new BackfillProgress("orders-note", "public.orders", "running",
                5000, 1, null, null)), List.of()));
        summary.add(tick(2, List.of(waiting(WAITER_A, 2), waiting(WAITER_B, 1)), List.of(new BackfillProgress("orders-note",
                "public.orders", "running", 15000, 3, 10_000.0, null)), List.of(new IndexBuild(300, "public.orders", "orders_note_idx",
                "CREATE INDEX CONCURRENTLY", "waiting for old snapshots", 0, 0, 0, 0, List.of(HOLDER)))));
        summary.add(tick(3, List.of(), List.of(new BackfillProgress("orders-note", "public.orders", "done", 20000, 4, 5000.0, null)),
                List.of()));

        String md = MarkdownWatch.render("shop", summary);

        assertThat(md).startsWith("### flyway-zdm watch: `shop`\n\n3 ticks from 2026-12-01T10:00:01Z to 2026-12-01T10:00:03Z (2s).\n\n");
        assertThat(md).contains("- [ ] **Sessions blocked on a lock** at most 2 at once (at 2026-12-01T10:00:02Z)\n");
        assertThat(md).contains("  - `pid 200`: longest wait 2s for AccessShareLock on public.orders: pid 200 (app \"web\"");
        assertThat(md).contains("  - `pid 100`: blocked 2 sessions in 2 ticks: pid 100 (app \"batch\", user app, idle in transaction");
        assertThat(md).contains("**Backfills seen:** 1\n  - `orders-note`: on public.orders, last seen done with 20,000 rows done "
                + "in 4 batches, up to 10,000 rows/s\n");
        assertThat(md).contains("**Index builds seen:** 1\n  - `orders_note_idx`: CREATE INDEX CONCURRENTLY on public.orders by pid 300, "
                + "last seen: waiting for old snapshots\n");
        assertThat(md).as("a pipe from a query is escaped").contains("flags = $1 \\| $2").doesNotContain("$1 | $2");
    }

    @Test
    void aQuietWatchIsTicked() {
        WatchSummary summary = new WatchSummary();
        summary.add(tick(1, List.of(), List.of(), List.of()));
        String md = MarkdownWatch.render("shop", summary);
        assertThat(md).contains("- [x] **Sessions blocked on a lock** none seen\n").contains("**Backfills seen:** none")
                .contains("**Index builds seen:** none");
    }
}
