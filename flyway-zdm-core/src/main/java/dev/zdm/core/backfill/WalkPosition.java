package dev.zdm.core.backfill;

import java.util.List;

/**
 * Where the walk stands: the last committed key (null before the first batch of a pass), the checkpoint's batch
 * count, and the keys walked in this pass (earlier runs included).
 */
record WalkPosition(List<String> lastKey, long batches, long keysScanned) {
}
