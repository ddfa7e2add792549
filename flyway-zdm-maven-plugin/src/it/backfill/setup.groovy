// Creates the IT's database on the test server, migrates it (V2 is a background backfill: recorded as a job, not run)
// and writes the connection for Flyway to target/database.conf (the project's configFiles).
import dev.zdm.maven.ItDatabase
import org.flywaydb.core.Flyway

def server = ItDatabase.server()
def database = 'zdm_backfill_it'
def config = ItDatabase.create(basedir, database)
config['flyway.locations'] = 'filesystem:' + new File(basedir, 'db/migration').absolutePath
def result = Flyway.configure(getClass().classLoader).configuration(config).load().migrate()
assert result.migrationsExecuted == 2
def c = server.connect(database)
try {
    def rs = c.createStatement().executeQuery("SELECT state || ' ' || (SELECT count(*) FROM accounts WHERE n > 0) FROM zdm_backfill_progress")
    rs.next()
    assert rs.getString(1) == 'queued 0'
} finally {
    c.close()
}
println('zdm:backfill IT: database ' + database + ' on ' + server.describe())
return true
