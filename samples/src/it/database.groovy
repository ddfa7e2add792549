// Shared by the ITs: a fresh database on the test server (ZDM_TEST_JDBC_URL, or the embedded server the
// outer build's JVM starts), handed to the invoked Maven through .mvn/maven.config as -Dflyway.* options.
import dev.zdm.test.DatabaseLifecycle
import dev.zdm.test.server.PostgresServers

def server = PostgresServers.shared()
def db = DatabaseLifecycle.create(server)
def options = ["-Dflyway.url=" + db.jdbcUrl(), "-Dflyway.user=" + db.user()]
if (db.password() != null) {
    options << "-Dflyway.password=" + db.password()
}
new File(basedir, ".mvn").mkdirs()
new File(basedir, ".mvn/maven.config").text = options.join("\n") + "\n"
new File(basedir, "database.name").text = db.name()
return true
