// Shared by the ITs: reads the build log, checks the expected lines, drops the IT database.
import dev.zdm.test.DatabaseLifecycle
import dev.zdm.test.server.PostgresServers

def log = new File(basedir, "build.log").text
def expected = new File(basedir, "expected-log-lines.txt").readLines().findAll { it.trim() && !it.startsWith("#") }
def missing = expected.findAll { !log.contains(it) }
def server = PostgresServers.shared()
def dbName = new File(basedir, "database.name").text.trim()
def applied
def url = server.jdbcUrl(dbName)
def c = server.connect(dbName)
try {
    def rs = c.createStatement().executeQuery(
        "SELECT count(*) FROM pg_tables WHERE tablename = 'flyway_schema_history'")
    rs.next()
    applied = rs.getInt(1) == 1 ? "migrated" : "not migrated"
} finally {
    c.close()
}
DatabaseLifecycle.drop(server, dbName)
def expectedState = new File(basedir, "expected-state.txt").text.trim()
if (!missing.isEmpty()) {
    throw new AssertionError("build.log lacks: " + missing)
}
if (applied != expectedState) {
    throw new AssertionError("database " + applied + ", expected " + expectedState)
}
return true
