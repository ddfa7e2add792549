package dev.zdm.core.lint.rules;

import dev.zdm.core.sql.RelationName;

/** Test access to the fix text ZDM114 writes, so that a test can run it against a real server. */
public final class SetNotNullScansFix {
    private SetNotNullScansFix() {
    }

    public static String fixFor(int pgVersion, String table, String column) {
        return SetNotNullScans.fix(pgVersion, RelationName.of(table), column);
    }
}
