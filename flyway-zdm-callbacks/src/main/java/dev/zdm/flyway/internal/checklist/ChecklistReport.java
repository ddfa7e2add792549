package dev.zdm.flyway.internal.checklist;

import java.util.List;

/**
 * The "before running" checklist of the pending migrations: every item of {@link ChecklistItems}, ticked, unticked or
 * unknown, with its evidence. Render it with {@link #toText()}, {@link #toMarkdown()} (for a pull request) or
 * {@link #toJson()}.
 *
 * @param database      the target database's name (never a URL: URLs may carry credentials), or null offline
 * @param serverVersion PostgreSQL's {@code server_version}, or null offline
 * @param online        false when no database was configured: the files alone were read, sizes are unknown
 * @param pending       the pending migrations (offline: every migration of the locations), in Flyway's order
 * @param items         every item, in the checklist's order
 */
public record ChecklistReport(String database, String serverVersion, boolean online, List<String> pending, List<ItemResult> items) {
    public ChecklistReport {
        pending = List.copyOf(pending);
        items = List.copyOf(items);
    }

    /**
     * One item's answer.
     *
     * @param id       {@code ZDC04}
     * @param name     {@code indexes-concurrently}
     * @param question the checklist line, {@code Indexes created concurrently?}
     * @param tick     the answer
     * @param summary  what was looked at, in one line
     * @param evidence the lines behind the answer
     * @param fix      how to tick the item
     */
    public record ItemResult(String id, String name, String question, Tick tick, String summary, List<Evidence> evidence,
                             String fix) {
        public ItemResult {
            evidence = List.copyOf(evidence);
        }
    }

    /** The ids of the items with {@code tick}. */
    public List<String> ids(Tick tick) {
        return items.stream().filter(i -> i.tick() == tick).map(ItemResult::id).toList();
    }

    /** The item of that id. */
    public ItemResult item(String id) {
        return items.stream().filter(i -> i.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no checklist item " + id));
    }

    /** Human-readable, for a terminal. */
    public String toText() {
        return TextChecklist.render(this);
    }

    /** Markdown with {@code - [x]} / {@code - [ ]} / {@code - [?]}, to paste into a pull request. */
    public String toMarkdown() {
        return MarkdownChecklist.render(this);
    }

    /** JSON, for tools. */
    public String toJson() {
        return JsonChecklist.render(this);
    }
}
