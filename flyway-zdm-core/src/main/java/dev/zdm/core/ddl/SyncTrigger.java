package dev.zdm.core.ddl;

/**
 * The one trigger function of a column copy ({@link ColumnCopy}) that keeps the old and the new column equal whichever
 * application version writes. It only assigns to {@code NEW} in a BEFORE ROW trigger, so it never writes again and
 * cannot loop. The rule when both columns are written:
 * <ul>
 *   <li>INSERT: a new column left NULL takes the conversion of the old one; a new column given a value that differs from
 *       that conversion wins, and the old column takes its inverse (without an inverse the old column keeps what the
 *       statement gave it: one-way).</li>
 *   <li>UPDATE: the column whose value changed wins; when both changed (and disagree) the new column wins where there is
 *       an inverse, the old one otherwise. When neither changed and the new column is still NULL (a row the backfill
 *       has not reached), it takes the conversion of the old one.</li>
 * </ul>
 * The new column has no default until contract (the old column's default reaches it through the trigger), so a NULL in
 * the new column on INSERT means "not given". The conversions are evaluated in nested blocks where a variable named
 * like the column holds the value, so {@code using} and {@code inverse} are written in terms of the column's name.
 */
final class SyncTrigger {
    private SyncTrigger() {
    }

    /** The names and expressions the function is written from. */
    record Spec(QualifiedName function, String oldColumn, String newColumn, String oldType, String newType, String upVar, String upExpr,
                String downVar, String downExpr) {
    }

    static String createFunctionSql(SqlStyle style, Spec s) {
        String o = "NEW." + style.id(s.oldColumn());
        String n = "NEW." + style.id(s.newColumn());
        String was = "OLD." + style.id(s.newColumn());
        String wasOld = "OLD." + style.id(s.oldColumn());
        String down = s.downExpr() == null ? null
                : "DECLARE " + style.id(s.downVar()) + " " + s.newType() + " := " + n + "; BEGIN " + o + " := (" + s.downExpr() + "); END;";
        StringBuilder body = new StringBuilder();
        body.append("DECLARE zdm_up ").append(s.newType()).append(";\nBEGIN\n");
        body.append("  DECLARE ").append(style.id(s.upVar())).append(' ').append(s.oldType()).append(" := ").append(o)
                .append("; BEGIN zdm_up := (").append(s.upExpr()).append("); END;\n");
        body.append("  IF TG_OP = 'INSERT' THEN\n");
        body.append("    IF ").append(n).append(" IS NULL THEN ").append(n).append(" := zdm_up;\n");
        if (down != null) {
            body.append("    ELSIF ").append(n).append(" IS DISTINCT FROM zdm_up THEN ").append(down).append('\n');
        }
        body.append("    END IF;\n");
        if (down != null) {
            body.append("  ELSIF ").append(n).append(" IS DISTINCT FROM ").append(was).append(" AND ").append(n)
                    .append(" IS DISTINCT FROM zdm_up THEN\n    ").append(down).append('\n');
        }
        body.append("  ELSIF ").append(o).append(" IS DISTINCT FROM ").append(wasOld).append(" THEN\n    ").append(n).append(" := zdm_up;\n");
        // a row the backfill has not reached, updated in other columns: filled now (what the backfill would write), so
        // that the CHECK (new IS NOT NULL) NOT VALID, which applies to every written row, holds
        body.append("  ELSIF ").append(n).append(" IS NULL AND ").append(was).append(" IS NULL THEN\n    ").append(n).append(" := zdm_up;\n");
        body.append("  END IF;\n  RETURN NEW;\nEND");
        return "CREATE OR REPLACE FUNCTION " + style.table(s.function()) + "() RETURNS trigger LANGUAGE plpgsql AS $zdm$\n" + body + "\n$zdm$";
    }

    static String createTriggerSql(SqlStyle style, QualifiedName table, String trigger, QualifiedName function) {
        return "CREATE TRIGGER " + style.id(trigger) + " BEFORE INSERT OR UPDATE ON " + style.table(table) + " FOR EACH ROW EXECUTE FUNCTION "
                + style.table(function) + "()";
    }

    static String dropTriggerSql(SqlStyle style, QualifiedName table, String trigger) {
        return "DROP TRIGGER IF EXISTS " + style.id(trigger) + " ON " + style.table(table);
    }

    static String dropFunctionSql(SqlStyle style, QualifiedName function) {
        return "DROP FUNCTION IF EXISTS " + style.table(function) + "()";
    }
}
