// Creates the IT's database on the test server (ZDM_TEST_JDBC_URL when set, else an embedded PostgreSQL that lives as
// long as this Maven JVM), applies V1-V4 (the expand part included) and writes the connection for Flyway to
// target/database.conf (the project's configFiles).
import dev.zdm.maven.ItDatabase
import org.flywaydb.core.Flyway

def server = ItDatabase.server()
def database = 'zdm_rollback_it'
def config = ItDatabase.create(basedir, database)
def result = Flyway.configure(getClass().classLoader).configuration(config).load().migrate()
assert result.migrationsExecuted == 4
println('zdm:rollback IT: database ' + database + ' on ' + server.describe())
return true
