// Creates the IT's database (see ../verify/setup.groovy) and applies V1 only: the database serves an application, so
// its history is not empty and contract migrations are held back.
import dev.zdm.maven.ItDatabase
import org.flywaydb.core.Flyway

def server = ItDatabase.server()
def config = ItDatabase.create(basedir, 'zdm_phases_it')
config['flyway.target'] = '1'
Flyway.configure(getClass().classLoader).configuration(config).load().migrate()
println('zdm phases IT: database zdm_phases_it on ' + server.describe())
return true
