import dev.zdm.maven.ItDatabase

def log = new File(basedir, 'build.log').text

// 1. flyway:migrate applied V2 and held V3 back, returning successfully.
assert log.contains('flyway-zdm: holding back V3__drop_name.sql (contract)')
assert log.contains('migrate applies up to V2')
// 2. zdm:expand: nothing more to apply, V3 still held.
assert log.contains('flyway-zdm zdm:expand')
assert log.contains('held back: V3__drop_name.sql (contract)')
// 3. zdm:contract without evidence: refused, nothing applied.
assert log.contains('zdm:contract refused: V3__drop_name.sql (contract) waits: drain evidence does not hold')
assert log.contains('-Dzdm.confirmDrained=2')
// 4. zdm:contract with the operator's confirmation: applied.
assert log.contains('applied: V3__drop_name.sql')

// 5, 6. zdm:lint with the default phases, then strict.
assert log.contains('V1__drop_nickname.sql:1:1: error ZDM122')
assert log.contains('V1__drop_nickname.sql:1:1: info ZDM122')

def c = ItDatabase.server().connect('zdm_phases_it')
try {
    def rs = c.createStatement().executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'name'")
    rs.next()
    assert rs.getInt(1) == 0
    rs = c.createStatement().executeQuery("SELECT state, (SELECT i ->> 'status' FROM jsonb_array_elements(evidence -> 'items') i WHERE i ->> 'source' = 'confirmation') FROM zdm_phase_state WHERE migration = 'V3__drop_name.sql'")
    assert rs.next()
    assert rs.getString(1) == 'done'
    assert rs.getString(2) == 'holds'
} finally {
    c.close()
}
return true
