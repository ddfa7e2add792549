// Creates two databases on the test server (ZDM_TEST_JDBC_URL when set, else an embedded PostgreSQL that lives as long
// as this Maven JVM), each with V1 applied (orders, 20,000 rows, analyzed) so that V2 to V4 are pending: the restored
// copy zdm:rehearse runs on (its URL in target/rehearsal.properties, the first invocation's system properties) and the
// target (its connection in target/database.conf, the project's configFiles).
import dev.zdm.maven.ItDatabase
import org.flywaydb.core.Flyway

def server = ItDatabase.server()
new File(basedir, 'zdm-rehearsals.json').delete() // a clone of an earlier run may hold one
def prepare = { String database ->
    def config = ItDatabase.create(basedir, database)
    config['flyway.target'] = '1'
    Flyway.configure(getClass().classLoader).configuration(config).load().migrate()
    def c = server.connect(database)
    try {
        c.createStatement().execute('VACUUM ANALYZE orders')
    } finally {
        c.close()
    }
}
prepare('zdm_checklist_it_copy')
def rehearsal = new Properties()
rehearsal.setProperty('zdm.rehearsalUrl', server.jdbcUrl('zdm_checklist_it_copy'))
new File(basedir, 'target/rehearsal.properties').withWriter('UTF-8') { rehearsal.store(it, 'the restored copy') }
prepare('zdm_checklist_it') // last: target/database.conf names the target
println('zdm:checklist IT: databases zdm_checklist_it and zdm_checklist_it_copy on ' + server.describe())
return true
