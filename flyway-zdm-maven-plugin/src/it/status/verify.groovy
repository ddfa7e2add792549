import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text

// Text, to standard output.
assert log.contains('flyway-zdm status of database zdm_status_it')
assert log =~ /\n  1 +Success +orders/
assert log =~ /\n  2 +Failed +backfill ratio/
assert log =~ /\n  3 +Pending +undeclared +index email/
assert log.contains('error ZDM101 line 1: CREATE INDEX on orders takes a SHARE lock')
assert log.contains('[orders has about 20,000 rows]')
assert log.contains('migrate would refuse to start: a finding reaches flyway.zdm.lint.failOn=error')
assert log.contains('on public.items: failed, 1,000 rows done (table: about 3,000 rows)')
assert log.contains('      failed: ') && log.contains('division by zero')
assert log.contains('  2 backfill ratio: will resume: the next migrate continues its backfill')
assert log.contains('  public.orders_code_key on public.orders: unique (code)')

// JSON, to the file.
def json = new JsonSlurper().parse(new File(basedir, 'target/status.json'))
assert json.database == 'zdm_status_it'
assert json.migrations*.version == ['1', '2', '3']
assert json.migrations*.state == ['Success', 'Failed', 'Pending']
assert json.migrations[2].findings[0].ruleId == 'ZDM101'
assert json.migrations[2].findings[0].estimatedRows == 20000
assert json.lint.blocksMigrate == true
assert json.backfills[0].state == 'failed'
assert json.backfills[0].rowsDone == 1000
assert json.backfills[0].lastError.contains('division by zero')
assert json.failed[0].version == '2' && json.failed[0].resumes == true && json.failed[0].statementsApplied == 1
assert json.invalidIndexes[0].index == 'public.orders_code_key' && json.invalidIndexes[0].table == 'public.orders'

// flyway:info, configured by the same pom, sees the same database, history and migrations.
assert log =~ /\| Versioned +\| 1 +\| orders +\|.*\| Success/
assert log =~ /\| Versioned +\| 2 +\| backfill ratio +\|.*\| Failed/
assert log =~ /\| Versioned +\| 3 +\| index email +\|.*\| Pending/

// No credential is printed (the configuration file's URL carries none; a password, when the server has one, is not shown).
def conf = new Properties()
new File(basedir, 'target/database.conf').withReader('UTF-8') { conf.load(it) }
if (conf.getProperty('flyway.password')) {
    assert !log.contains(conf.getProperty('flyway.password'))
}
return true
