package dev.zdm.flyway.internal.checklist;

import java.util.List;

/** Every item of {@code zdm:checklist}, in the seed checklist's order; docs/checklist.md is generated from them. */
public final class ChecklistItems {
    private static final List<ChecklistItem> ALL = List.of(new ProductionSizeItem(), new BackwardsCompatibleItem(),
            new BatchedItem(), new ConcurrentIndexItem(), new RollbackItem());

    private ChecklistItems() {
    }

    public static List<ChecklistItem> all() {
        return ALL;
    }
}
