package dev.zdm.flyway.internal.verify;

import dev.zdm.core.sql.RelationLock;
import dev.zdm.core.sql.SqlStatement;
import dev.zdm.core.state.TableStatsSnapshots.TableStats;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tables the migrations applied since a statistics snapshot touched: every relation their statements lock, as the
 * analyzer reads them, an index taken as its table through the snapshot's index lists (a dropped index is no longer in
 * the catalog). Names are compared without schema and case, as pg_stat_statements' query texts are.
 */
final class TouchedTables {
    private TouchedTables() {
    }

    /**
     * The names of the touched tables, lower case, in order of appearance.
     *
     * @param applied     the applied SQL migrations
     * @param historyRank Flyway's highest {@code installed_rank} when the snapshot was taken (null: every applied
     *                    migration ran since)
     * @param tables      the tables of the snapshot, with their indexes
     */
    static List<String> since(List<AppliedScript> applied, Integer historyRank, List<TableStats> tables) {
        Set<String> out = new LinkedHashSet<>();
        for (AppliedScript a : applied) {
            if (historyRank != null && a.installedRank() <= historyRank) {
                continue;
            }
            for (SqlStatement statement : a.script().statements()) {
                for (RelationLock lock : statement.model().locks()) {
                    out.add(tableOf(lock.relation().name().toLowerCase(Locale.ROOT), tables));
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** Migrations applied since the snapshot, by file name. */
    static List<String> migrationsSince(List<AppliedScript> applied, Integer historyRank) {
        return applied.stream().filter(a -> historyRank == null || a.installedRank() > historyRank).map(a -> a.script().file()).toList();
    }

    private static String tableOf(String relation, List<TableStats> tables) {
        for (TableStats t : tables) {
            if (t.indexes().stream().anyMatch(i -> i.equalsIgnoreCase(relation))) {
                return t.table().toLowerCase(Locale.ROOT);
            }
        }
        return relation;
    }
}
