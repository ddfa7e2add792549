package dev.zdm.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.flyway.internal.adapter.ZdmPostgreSQLParser;
import dev.zdm.flyway.internal.adapter.ZdmSqlStatement;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.resource.StringResource;
import org.flywaydb.core.internal.sqlscript.SqlStatement;
import org.flywaydb.core.internal.sqlscript.SqlStatementIterator;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL 19 refuses REPACK (CONCURRENTLY) and REPACK of every table inside a transaction block, and Flyway 13.12
 * does not know REPACK: our parser makes such a migration non-transactional, as for CREATE INDEX CONCURRENTLY.
 * (Only the parsing is checked: no PostgreSQL 19 server is available to run REPACK.)
 */
@PostgresTest
class RepackTransactionalityTest {

    @Test
    void repackConcurrentlyAndRepackOfEveryTableRunOutsideATransaction(TestDatabase db) throws Exception {
        var settings = new HashMap<String, String>();
        db.flywayProperties().forEach((k, v) -> settings.put((String) k, (String) v));
        Configuration configuration = Flyway.configure().configuration(settings).load().getConfiguration();
        ZdmPostgreSQLParser parser = new ZdmPostgreSQLParser(configuration, new ParsingContext());
        String script = "REPACK users;\n"
                + "REPACK (VERBOSE, CONCURRENTLY) users USING INDEX users_created_idx;\n"
                + "REPACK;\n"
                + "REPACK (CONCURRENTLY false) users;\n";
        List<SqlStatement> statements = new ArrayList<>();
        try (SqlStatementIterator it = parser.parse(new StringResource(script))) {
            while (it.hasNext()) {
                statements.add(it.next());
            }
        }
        assertThat(statements).hasSize(4).allSatisfy(s -> assertThat(s).isInstanceOf(ZdmSqlStatement.class));
        assertThat(statements.get(0).canExecuteInTransaction()).as("REPACK of one table").isTrue();
        assertThat(statements.get(1).canExecuteInTransaction()).as("REPACK (CONCURRENTLY)").isFalse();
        assertThat(statements.get(2).canExecuteInTransaction()).as("REPACK of every table").isFalse();
        assertThat(statements.get(3).canExecuteInTransaction()).as("REPACK (CONCURRENTLY false)").isTrue();
    }
}
