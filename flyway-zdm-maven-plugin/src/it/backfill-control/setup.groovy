// Creates the IT's database on the test server, migrates it to V3 (V2 and V3 are background backfills: recorded as jobs,
// not run; V2 as two key ranges)
// and writes the connection for Flyway to target/database.conf (the project's configFiles).
import dev.zdm.maven.ItDatabase
import org.flywaydb.core.Flyway

def server = ItDatabase.server()
def database = 'zdm_backfill_control_it'
def config = ItDatabase.create(basedir, database)
config['flyway.locations'] = 'filesystem:' + new File(basedir, 'db/migration').absolutePath
config['flyway.target'] = '3'
def result = Flyway.configure(getClass().classLoader).configuration(config).load().migrate()
assert result.migrationsExecuted == 3
def c = server.connect(database)
try {
    def rs = c.createStatement().executeQuery("SELECT string_agg(DISTINCT state, ',') || ' ' || count(*) FROM zdm_backfill_progress")
    rs.next()
    assert rs.getString(1) == 'queued 3'
} finally {
    c.close()
}
println('zdm:backfill control IT: database ' + database + ' on ' + server.describe())
return true
