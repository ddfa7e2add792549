package dev.zdm.core.backfill;

import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.sql.SqlFragment;
import dev.zdm.core.sql.SqlToken;
import dev.zdm.core.sql.TokenType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the first batch of a verified UPDATE: does the SET change anything the WHERE reads? When it certainly does not
 * ({@code UPDATE t SET name = s.name FROM s WHERE s.id = t.id}), every matching row still matches after its batch: the
 * walk updates every row and the final count then finds them all, and a re-run does the same again. That is refused
 * with the guard to add. When it cannot be sure (a trigger or rule on the table, a function of its own, a whole-row or
 * system column in the WHERE, the table read again in a subquery) it only warns.
 */
final class PredicateGuard {
    private static final Logger LOG = LoggerFactory.getLogger(PredicateGuard.class.getPackageName());

    /** Functions and keywords followed by {@code (} in a WHERE that read nothing but their arguments. */
    private static final Set<String> PURE = Set.of("in", "exists", "any", "all", "some", "not", "and", "or", "array", "row", "cast",
            "coalesce", "nullif", "greatest", "least", "lower", "upper", "length", "char_length", "btrim", "trim", "abs", "round",
            "now", "date_trunc", "extract", "interval", "is", "distinct", "from", "between", "like", "ilike", "values", "select", "where");
    private static final Set<String> SYSTEM_COLUMNS = Set.of("ctid", "xmin", "xmax", "cmin", "cmax", "tableoid");

    private PredicateGuard() {
    }

    static void check(Connection connection, TargetTable table, Backfill spec) throws SQLException {
        if (spec.operation() != Backfill.Operation.UPDATE || !spec.verifies() || spec.setClause().isEmpty()) {
            return;
        }
        SetClause set = SetClause.read(spec.setClause().get());
        String where = spec.whereClause().orElseThrow();
        List<SqlToken> tokens = SqlFragment.lex(where).tokens();
        Set<String> assigned = set.columns();
        if (assigned.isEmpty() || tokens.stream().anyMatch(t -> t.isName() && assigned.contains(t.identifier()))) {
            return; // the SET writes a column the WHERE reads: it can make the predicate false
        }
        String doubt = doubt(tokens, table.name(), table.alias());
        if (doubt == null) {
            doubt = catalogDoubt(connection, table);
        }
        String subject = "Backfill of " + table.display() + ": the SET (" + spec.setClause().get() + ") changes no column that the WHERE ("
                + where + ") reads";
        String guard = guard(set, table.exposed());
        if (doubt != null) {
            LOG.warn("{}, so a row may still match after its batch; the final count would then fail. flyway-zdm cannot be sure because {}."
                    + " If rows keep matching, add a guard the update makes false: WHERE {} AND {}", subject, doubt, where, guard);
            return;
        }
        throw new BackfillDefinitionException(subject + ", so every row that matches still matches after its batch: the walk would"
                + " update every matching row, the final count would find them all still matching, and running it again would do the"
                + " same. Nothing was changed. Add a guard that the update makes false, for example WHERE " + where + " AND " + guard
                + "; or, when one pass over the matching rows is what you want, turn the final count off (verify=false in the directive,"
                + " verifyNoneRemain(false) in Java).");
    }

    /**
     * Without the catalog (lint, the migrate-time directive check): a warning when the SET changes no column the WHERE
     * reads and nothing in the WHERE itself says otherwise; only a trigger or a rule on the table could still make it work.
     */
    static Optional<String> staticWarning(Backfill spec) {
        if (spec.operation() != Backfill.Operation.UPDATE || !spec.verifies() || spec.setClause().isEmpty()) {
            return Optional.empty();
        }
        SetClause set = SetClause.read(spec.setClause().get());
        String where = spec.whereClause().orElseThrow();
        List<SqlToken> tokens = SqlFragment.lex(where).tokens();
        Set<String> assigned = set.columns();
        if (assigned.isEmpty() || tokens.stream().anyMatch(t -> t.isName() && assigned.contains(t.identifier()))
                || doubt(tokens, spec.table(), spec.alias().orElse(null)) != null) {
            return Optional.empty();
        }
        return Optional.of("the SET (" + spec.setClause().get() + ") changes no column that the WHERE (" + where + ") reads, so unless a"
                + " trigger changes them every matching row still matches after its batch and the final count fails (the engine refuses"
                + " it before the first batch when the table has no trigger); add a guard the update makes false: WHERE " + where
                + " AND " + guard(set, Identifiers.quote(spec.alias().orElse(spec.table()))) + ", or verify=false for one pass");
    }

    /** Why the WHERE alone may depend on more than the columns it names, or null. */
    private static String doubt(List<SqlToken> tokens, String tableName, String alias) {
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (!t.isName()) {
                continue;
            }
            String name = t.identifier();
            boolean qualifier = i + 1 < tokens.size() && tokens.get(i + 1).isSymbol('.');
            boolean call = i + 1 < tokens.size() && tokens.get(i + 1).isSymbol('(');
            if (SYSTEM_COLUMNS.contains(name)) {
                return "the WHERE reads the system column " + name;
            }
            if (!qualifier && (name.equals(tableName) || name.equals(alias))) {
                return "the WHERE reads " + t.text() + " as a whole row or in a subquery";
            }
            if (call && !(t.type() == TokenType.WORD && PURE.contains(name.toLowerCase(Locale.ROOT)))) {
                return "the WHERE calls " + t.text() + "(...), which may read the row";
            }
        }
        return null;
    }

    /** A row-level trigger or a rule can change columns the SET does not name. */
    private static String catalogDoubt(Connection connection, TargetTable table) throws SQLException {
        String sql = "SELECT (SELECT count(*) FROM pg_trigger WHERE tgrelid = ? AND NOT tgisinternal AND (tgtype & 1) = 1),"
                + " (SELECT count(*) FROM pg_rewrite WHERE ev_class = ? AND rulename <> '_RETURN')";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, table.oid());
            ps.setLong(2, table.oid());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return table.display() + " has a row-level trigger that may change other columns";
                }
                if (rs.getLong(2) > 0) {
                    return table.display() + " has a rule that may rewrite the UPDATE";
                }
            }
        }
        return null;
    }

    /** {@code t.name IS DISTINCT FROM (s.name)} for each single-column assignment, joined with OR. */
    private static String guard(SetClause set, String owner) {
        List<String> parts = new ArrayList<>();
        for (SetClause.Assignment a : set.assignments()) {
            if (a.columns().size() == 1 && !a.expression().isEmpty()) {
                parts.add(owner + "." + Identifiers.quote(a.columns().get(0)) + " IS DISTINCT FROM (" + a.expression() + ")");
            }
        }
        if (parts.isEmpty()) {
            return "<a condition the SET makes false>";
        }
        return parts.size() == 1 ? parts.get(0) : "(" + String.join(" OR ", parts) + ")";
    }
}
