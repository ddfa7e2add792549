// Creates the IT's database on the test server (ZDM_TEST_JDBC_URL when set, else an embedded PostgreSQL that lives as
// long as this Maven JVM), brings it to a state where every zdm:verify check fails, and writes the connection for
// Flyway to target/database.conf (the project's configFiles).
import dev.zdm.test.server.PostgresServers
import org.flywaydb.core.Flyway

def server = PostgresServers.shared()
def database = 'zdm_verify_it'
def admin = server.connectAdmin()
try {
    def s = admin.createStatement()
    s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'")
    s.execute('DROP DATABASE IF EXISTS ' + database)
    s.execute('CREATE DATABASE ' + database)
} finally {
    admin.close()
}

def conf = new Properties()
conf.setProperty('flyway.url', server.jdbcUrl(database))
conf.setProperty('flyway.user', server.user())
if (server.password() != null) {
    conf.setProperty('flyway.password', server.password())
}
new File(basedir, 'target').mkdirs()
new File(basedir, 'target/database.conf').withWriter('UTF-8') { w -> conf.each { k, v -> w.println(k + '=' + v) } }

def config = [:]
conf.each { k, v -> config[k] = v }
config['flyway.locations'] = 'filesystem:' + new File(basedir, 'db/migration').absolutePath
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
