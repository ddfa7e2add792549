// Creates the IT's database on the test server (ZDM_TEST_JDBC_URL when set, else an embedded PostgreSQL that lives as
// long as this Maven JVM), brings it to a state where every zdm:verify check fails, and writes the connection for
// Flyway to target/database.conf (the project's configFiles).
import dev.zdm.maven.ItDatabase
import org.flywaydb.core.Flyway

def server = ItDatabase.server()
def database = 'zdm_verify_it'
def config = ItDatabase.create(basedir, database)
config['flyway.postgresql.transactional.lock'] = 'false'
try {
    Flyway.configure(getClass().classLoader).configuration(config).load().migrate()
    throw new IllegalStateException('V3 should have failed in its backfill')
} catch (org.flywaydb.core.api.FlywayException expected) {
    assert expected.message.contains('division by zero')
}
def c = server.connect(database)
try {
    c.createStatement().execute('CREATE UNIQUE INDEX CONCURRENTLY orders_code_key ON orders (code)')
    throw new IllegalStateException('the unique index should have failed')
} catch (java.sql.SQLException expected) {
    // left invalid, as zdm:verify must report
} finally {
    c.close()
}
println('zdm:verify IT: database ' + database + ' on ' + server.describe())
return true
