package dev.zdm.flyway.internal.watch;

import dev.zdm.core.lock.SessionInfo;
import dev.zdm.flyway.internal.watch.WatchSnapshot.BackfillProgress;
import dev.zdm.flyway.internal.watch.WatchSnapshot.BlockedSession;
import dev.zdm.flyway.internal.watch.WatchSnapshot.IndexBuild;
import dev.zdm.flyway.internal.watch.WatchSnapshot.LockHolder;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A watch snapshot as one line of JSON (JSON lines: one object per tick, for {@code jq} or a log shipper):
 * {@code {"tick", "at", "touched": [...], "blocked": [{"session": {...}, "relation", "lockMode", "waitingMs",
 * "touched", "blockers": [{...}]}], "backfills": [...], "indexBuilds": [...], "holders": [...], "unreadable": [...]}};
 * a session is {@code {"pid", "applicationName", "user", "clientAddress", "state", "transactionMs", "stateMs",
 * "query"}}. Every key is always there (null when unknown).
 */
public final class JsonWatch {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonWatch() {
    }

    /** One line, ending in a new line. */
    public static String line(WatchSnapshot s) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("tick", s.tick());
        root.put("at", s.at().toString());
        ArrayNode touched = root.putArray("touched");
        s.touched().forEach(touched::add);
        ArrayNode blocked = root.putArray("blocked");
        for (BlockedSession b : s.blocked()) {
            ObjectNode n = blocked.addObject();
            session(n.putObject("session"), b.session());
            n.put("relation", b.relation());
            n.put("lockMode", b.lockMode());
            n.put("waitingMs", millis(b.waiting()));
            n.put("touched", b.touched());
            ArrayNode blockers = n.putArray("blockers");
            b.blockers().forEach(x -> session(blockers.addObject(), x));
        }
        ArrayNode backfills = root.putArray("backfills");
        for (BackfillProgress b : s.backfills()) {
            ObjectNode n = backfills.addObject();
            n.put("id", b.id());
            n.put("table", b.table());
            n.put("state", b.state());
            n.put("rowsDone", b.rowsDone());
            n.put("batches", b.batches());
            n.put("rowsPerSecond", b.rowsPerSecond());
            n.put("lastError", b.lastError());
        }
        ArrayNode builds = root.putArray("indexBuilds");
        for (IndexBuild b : s.indexBuilds()) {
            ObjectNode n = builds.addObject();
            n.put("pid", b.pid());
            n.put("table", b.table());
            n.put("index", b.index());
            n.put("command", b.command());
            n.put("phase", b.phase());
            n.put("blocksDone", b.blocksDone());
            n.put("blocksTotal", b.blocksTotal());
            n.put("tuplesDone", b.tuplesDone());
            n.put("tuplesTotal", b.tuplesTotal());
            ArrayNode waiting = n.putArray("waitingFor");
            b.waitingFor().forEach(x -> session(waiting.addObject(), x));
        }
        ArrayNode holders = root.putArray("holders");
        for (LockHolder h : s.holders()) {
            ObjectNode n = holders.addObject();
            session(n.putObject("session"), h.session());
            ArrayNode relations = n.putArray("relations");
            h.relations().forEach(relations::add);
        }
        ArrayNode unreadable = root.putArray("unreadable");
        s.unreadable().forEach(unreadable::add);
        return MAPPER.writeValueAsString(root) + "\n";
    }

    private static void session(ObjectNode n, SessionInfo s) {
        n.put("pid", s.pid());
        n.put("applicationName", s.applicationName());
        n.put("user", s.user());
        n.put("clientAddress", s.clientAddress());
        n.put("state", s.state());
        n.put("transactionMs", millis(s.transactionAge()));
        n.put("stateMs", millis(s.stateAge()));
        n.put("query", s.query());
    }

    private static Long millis(Duration d) {
        return d == null ? null : d.toMillis();
    }
}
