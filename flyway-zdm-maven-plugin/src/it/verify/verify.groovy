import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text

// Markdown, to the file: a task list with every failed check unticked and its evidence.
def md = new File(basedir, 'target/verify.md').text
assert md.contains('### flyway-zdm verify: `zdm_verify_it`')
assert md.contains('**5 of 8 checks failed: ZDV01, ZDV02, ZDV03, ZDV04, ZDV05. 1 unknown: ZDV08.**')
assert md.contains('- [ ] **ZDV01** No index is left invalid: 1 invalid index in public\n'
        + '  - `public.orders_code_key`: unique index on public.orders (code) is invalid')
assert md.contains('- [ ] **ZDV02** Every constraint is validated: 3 NOT VALID constraints in public')
assert md.contains('  - `orders_qty_present on public.orders`: 3 rows break CHECK (qty IS NOT NULL)')
assert md.contains('- [ ] **ZDV04** Every batched backfill is done: 1 backfill recorded, 0 done')
assert md.contains('division by zero')
assert md.contains('  - `V2__constraints.sql:6`: -- zdm:verify SELECT NOT EXISTS (SELECT 1 FROM orders WHERE qty IS NULL) returned false, not true.')
assert md.contains('- [x] **ZDV06** No session waits for a lock')
assert md.contains('- [x] **ZDV07** No table of 10,000 rows or more became sequentially scanned since the migration: no statistics snapshot')
assert md.contains('- [?] **ZDV08** No query on a table the migrations touched became slower since the migration: '
        + 'unknown: pg_stat_statements not installed in this database\n'
        + '  - `pg_stat_statements`: pg_stat_statements not installed in this database: query times cannot be compared. '
        + 'Fix: add pg_stat_statements to shared_preload_libraries')
assert md.count('- [x]') == 2
assert md.count('- [?]') == 1
assert md.endsWith('\nChecks are described in docs/checks.md of flyway-zdm.\n')

// Text, to standard output; each run fails the build after its report.
assert log.contains('flyway-zdm verify of database zdm_verify_it')
assert log.contains('  FAILED ZDV03 constraint-violation: 2 NOT VALID CHECK/NOT NULL constraints checked')
assert log.contains('zdm:verify: 5 of 8 checks failed (ZDV01, ZDV02, ZDV03, ZDV04, ZDV05); see the report')
assert log.contains('  UNKNOWN ZDV08 slower-queries: unknown: pg_stat_statements not installed in this database')
assert log.contains('BUILD FAILURE')

// JSON, to the file.
def json = new JsonSlurper().parse(new File(basedir, 'target/verify.json'))
assert json.database == 'zdm_verify_it'
assert json.passed == false
assert json.checks*.id == ['ZDV01', 'ZDV02', 'ZDV03', 'ZDV04', 'ZDV05', 'ZDV06', 'ZDV07', 'ZDV08']
assert json.checks*.passed == [false, false, false, false, false, true, true, true]
assert json.checks*.outcome == ['FAILED'] * 5 + ['PASSED', 'PASSED', 'UNKNOWN']
assert json.checks[4].problems[0].subject == 'V2__constraints.sql:6'
assert json.checks[4].problems[0].location == [type: 'migration', file: 'V2__constraints.sql', line: 6, column: 0]
assert json.checks[0].problems[0].location == [type: 'object', kind: 'index', name: 'public.orders_code_key']

def conf = new Properties()
new File(basedir, 'target/database.conf').withReader('UTF-8') { conf.load(it) }
if (conf.getProperty('flyway.password')) {
    assert !log.contains(conf.getProperty('flyway.password'))
}
return true
