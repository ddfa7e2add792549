// Creates the IT's database on the test server (ZDM_TEST_JDBC_URL when set, else an embedded PostgreSQL that lives as
// long as this Maven JVM), applies V1, and leaves a session holding ACCESS EXCLUSIVE on orders (idle in transaction)
// and a second one waiting for it, for zdm:watch to report; verify.groovy releases them. The connection for Flyway goes
// to target/database.conf (the project's configFiles).
import dev.zdm.maven.ItDatabase
import org.flywaydb.core.Flyway

def server = ItDatabase.server()
def database = 'zdm_watch_it'
def config = ItDatabase.create(basedir, database)
config['flyway.target'] = '1'
Flyway.configure(getClass().classLoader).configuration(config).load().migrate()

// The holder: a transaction left open with the table locked.
def holder = server.connect(database)
holder.createStatement().execute("SET application_name = 'watch-it-holder'")
holder.setAutoCommit(false)
holder.createStatement().execute('LOCK TABLE orders IN ACCESS EXCLUSIVE MODE')
// The waiter: a read on another connection and thread, queued behind the holder until verify.groovy rolls it back.
def waiter = server.connect(database)
waiter.createStatement().execute("SET application_name = 'watch-it-waiter'")
def thread = Thread.start { try { waiter.createStatement().execute('SELECT count(*) FROM orders') } catch (e) { } finally { waiter.close() } }
// Kept reachable for verify.groovy (same JVM), so neither connection is collected and closed before then.
System.properties.put('zdm.watch.it.holder', holder)
System.properties.put('zdm.watch.it.waiter', thread)
def probe = server.connect(database)
try {
    for (int i = 0; i < 100; i++) {
        def rs = probe.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'watch-it-waiter' AND wait_event_type = 'Lock'")
        rs.next()
        if (rs.getInt(1) == 1) {
            break
        }
        Thread.sleep(50)
    }
} finally {
    probe.close()
}
println('zdm:watch IT: database ' + database + ' on ' + server.describe())
return true
