// Creates the IT's database on the test server (ZDM_TEST_JDBC_URL when set, else an embedded PostgreSQL that lives as
// long as this Maven JVM), applies V1 (orders, 20,000 rows, analyzed) so that V2 to V4 are pending, and writes the
// connection for Flyway to target/database.conf (the project's configFiles).
import dev.zdm.maven.ItDatabase
import org.flywaydb.core.Flyway

def server = ItDatabase.server()
def database = 'zdm_checklist_it'
def config = ItDatabase.create(basedir, database)
config['flyway.target'] = '1'
Flyway.configure(getClass().classLoader).configuration(config).load().migrate()
def c = server.connect(database)
try {
    c.createStatement().execute('VACUUM ANALYZE orders')
} finally {
    c.close()
}
println('zdm:checklist IT: database ' + database + ' on ' + server.describe())
return true
