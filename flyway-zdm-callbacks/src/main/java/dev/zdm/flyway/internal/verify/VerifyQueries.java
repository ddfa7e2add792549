package dev.zdm.flyway.internal.verify;

import dev.zdm.core.lint.MigrationSource;
import dev.zdm.core.sql.Directive;
import dev.zdm.core.sql.Directives;
import dev.zdm.core.sql.SqlScript;
import dev.zdm.core.sql.SqlStatement;
import dev.zdm.flyway.internal.gate.LiveLint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * The {@code -- zdm:verify} queries of the applied SQL migrations (read from the configured locations, placeholders
 * replaced as Flyway does), in migration order. Pending and failed migrations are left out: their data is not there
 * yet.
 */
final class VerifyQueries {
    private VerifyQueries() {
    }

    static List<VerifyQuery> read(List<AppliedScript> applied) {
        List<VerifyQuery> out = new ArrayList<>();
        for (AppliedScript a : applied) {
            out.addAll(of(a.script()));
        }
        return out;
    }

    /** The applied, resolved SQL migrations of {@code migrations}, each read once, in Flyway's order. */
    static List<AppliedScript> applied(Configuration configuration, MigrationInfoService migrations) {
        // A repeatable migration applied several times has several history rows: its file is read once, with its latest rank.
        Map<String, MigrationInfo> applied = new LinkedHashMap<>();
        Map<String, Integer> ranks = new LinkedHashMap<>();
        for (MigrationInfo info : migrations.all()) {
            if (info.getState().isApplied() && !info.getState().isFailed() && info.getState().isResolved()
                    && info.getScript() != null) {
                applied.putIfAbsent(info.getScript(), info);
                if (info.getInstalledRank() != null) {
                    ranks.merge(info.getScript(), info.getInstalledRank(), Math::max);
                }
            }
        }
        List<AppliedScript> out = new ArrayList<>();
        for (MigrationSource source : LiveLint.sources(configuration, applied.values().toArray(new MigrationInfo[0]))) {
            out.add(new AppliedScript(ranks.getOrDefault(source.path(), 0), SqlScript.parse(source.fileName(), source.text())));
        }
        return out;
    }

    /** The {@code -- zdm:verify} directives of one script, the file's and the statements', by line. */
    static List<VerifyQuery> of(SqlScript script) {
        List<Directive> directives = new ArrayList<>(script.fileDirectives());
        for (SqlStatement s : script.statements()) {
            directives.addAll(s.directives());
        }
        return directives.stream().filter(d -> d.is(Directives.VERIFY.name())).sorted(Comparator.comparingInt(Directive::line))
                .map(d -> new VerifyQuery(script.file(), d.line(), stripSemicolon(d.arguments()))).toList();
    }

    /** {@code -- zdm:verify SELECT ...;} is written like SQL: the semicolon is not part of the query. */
    private static String stripSemicolon(String query) {
        String q = query.strip();
        return q.endsWith(";") ? q.substring(0, q.length() - 1).strip() : q;
    }
}
