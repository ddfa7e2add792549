// Creates the IT's database on the test server (ZDM_TEST_JDBC_URL when set, else an embedded PostgreSQL that lives as
// long as this Maven JVM), brings it to the state zdm:status must report, and writes the connection for Flyway to
// target/database.conf (the project's configFiles).
import dev.zdm.maven.ItDatabase
import org.flywaydb.core.Flyway

def server = ItDatabase.server()
def database = 'zdm_status_it'
def config = ItDatabase.create(basedir, database)
config['flyway.postgresql.transactional.lock'] = 'false'
config['flyway.target'] = '2'
try {
    Flyway.configure(getClass().classLoader).configuration(config).load().migrate()
    throw new IllegalStateException('V2 should have failed in its backfill')
} catch (org.flywaydb.core.api.FlywayException expected) {
    assert expected.message.contains('division by zero')
}
def c = server.connect(database)
try {
    c.createStatement().execute('CREATE UNIQUE INDEX CONCURRENTLY orders_code_key ON orders (code)')
    throw new IllegalStateException('the unique index should have failed')
} catch (java.sql.SQLException expected) {
    // left invalid, as zdm:status must report
} finally {
    c.close()
}
println('zdm:status IT: database ' + database + ' on ' + server.describe())
return true
