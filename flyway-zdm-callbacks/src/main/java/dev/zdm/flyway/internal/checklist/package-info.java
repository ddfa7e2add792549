/**
 * What {@code zdm:checklist} and {@link dev.zdm.flyway.ZdmCommands#checklist()} answer before the pending migrations
 * run: the seed's "before running" checklist (tested on a production-size dataset, backwards compatible, batched for
 * large tables, indexes created concurrently, rollback plan ready), one item class per line
 * ({@link dev.zdm.flyway.internal.checklist.ChecklistItem}, listed in
 * {@link dev.zdm.flyway.internal.checklist.ChecklistItems} and documented in docs/checklist.md), each ticked, unticked
 * or unknown with its evidence, against the target database when one is configured and from the files alone when not.
 * The report renders as text, Markdown (a task list for a pull request) or JSON.
 *
 * <p><b>Not part of the public API; may change without notice.</b>
 */
package dev.zdm.flyway.internal.checklist;
