import dev.zdm.maven.ItDatabase

def log = new File(basedir, 'build.log').text
assert log.contains('flyway-zdm rollback of "public"."flyway_schema_history": 1 migration undone, newest first; kept from V3__nickname.sql (rollbackTo 3)')
assert log.contains('undone V4__nickname_index.sql with U4__nickname_index.sql: 1 of 1 statement(s) run now')
assert log.contains('1 migration undone, newest first; kept from V2__drop_legacy.sql, a contract migration')
assert log.contains('undone V3__nickname.sql with V3__nickname.sql (-- zdm:rollback at line 4)')
assert !log.contains('BUILD FAILURE')

def c = ItDatabase.server().connect('zdm_rollback_it')
try {
    def history = c.createStatement().executeQuery("SELECT string_agg(version, ',' ORDER BY installed_rank) FROM flyway_schema_history")
    history.next()
    assert history.getString(1) == '1,2'
    def columns = c.createStatement().executeQuery("SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute"
            + " WHERE attrelid = 'users'::regclass AND attnum > 0 AND NOT attisdropped")
    columns.next()
    assert columns.getString(1) == 'id,name'
    def index = c.createStatement().executeQuery("SELECT count(*) FROM pg_class WHERE relname = 'users_nickname'")
    index.next()
    assert index.getLong(1) == 0
    def phases = c.createStatement().executeQuery("SELECT string_agg(migration || ':' || state, ',' ORDER BY migration) FROM zdm_phase_state")
    phases.next()
    assert phases.getString(1) == 'V3__nickname.sql:rolled_back,V4__nickname_index.sql:rolled_back'
} finally {
    c.close()
}
return true
