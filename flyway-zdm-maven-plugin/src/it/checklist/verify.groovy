import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text

// zdm:rehearse ran V2 to V4 on the copy and recorded them next to the pom.
assert log.contains('zdm:rehearse: 3 migration(s) rehearsed on zdm_checklist_it_copy, recorded in ')
def record = new JsonSlurper().parse(new File(basedir, 'zdm-rehearsals.json'))
assert record.version == 1
assert record.rehearsals.size() == 1
assert record.rehearsals[0].database == 'zdm_checklist_it_copy'
assert record.rehearsals[0].checksums.keySet() == ['V2__orders_status_idx.sql', 'V3__close_new_orders.sql', 'V4__drop_legacy.sql'] as Set
assert record.rehearsals[0].tableRows == ['public.orders': 20000]
assert record.rehearsals[0].timingsMs.keySet() == record.rehearsals[0].checksums.keySet()
assert record.rehearsals[0].unpredictedLocks == [] // every lock held as the analyzer predicted

// Markdown, to the file: a task list a reviewer pastes into the pull request.
def md = new File(basedir, 'target/checklist.md').text
assert md.startsWith('### flyway-zdm checklist: `zdm_checklist_it` (PostgreSQL ')
assert md.contains(', 3 pending migrations\n\n**4 ticked, 1 unticked (ZDC04).**\n\n')
assert md.contains('- [x] **Tested on production-size dataset?** 1 existing table touched, largest about 20,000 rows, ')
assert md.contains('  - `public.orders`: about 20,000 rows, ')
assert md.contains(' on zdm_checklist_it_copy had about 20,000 rows (100% of the target\'s)\n')
assert md.contains('- [x] **Migration is backwards compatible?** 0 of 1 breaking statement outside a contract migration (ZDC02)\n'
        + '  - [x] `V4__drop_legacy.sql:3`: ZDM122 ')
assert md.contains('- [x] **Batched for large tables?** 0 of 1 UPDATE/DELETE unbatched on a table of 10,000 rows or more (ZDC03)\n'
        + '  - [x] `V3__close_new_orders.sql:4`: UPDATE of public.orders (about 20,000 rows, ')
assert md.contains('- [ ] **Indexes created concurrently?** 1 of 1 index statement block a table with rows (ZDC04)\n'
        + '  - [ ] `V2__orders_status_idx.sql:2`: CREATE INDEX without CONCURRENTLY on public.orders (about 20,000 rows, ')
assert md.contains('- [x] **Rollback plan ready?** 3 of 3 pending migrations have a rollback (ZDC05)\n'
        + '  - [x] `V2__orders_status_idx.sql`: rollback section at line 4 (-- zdm:rollback, 1 statement(s))\n'
        + '  - [x] `V3__close_new_orders.sql`: needs no rollback (line 1): closed orders stay closed\n'
        + '  - [x] `V4__drop_legacy.sql`: undo migration U4__drop_legacy.sql\n')
assert md.endsWith('\nItems are described in docs/checklist.md of flyway-zdm.\n')

// The first run fails on the unticked item, after writing the report.
assert log.contains('zdm:checklist: 1 of 5 items unticked (ZDC04); see the evidence in ')

// Text, to standard output, with failOnUnticked=false: the build passes.
assert log.contains('flyway-zdm checklist of database zdm_checklist_it (PostgreSQL ')
assert log.contains('  [ ] ZDC04 Indexes created concurrently? 1 of 1 index statement block a table with rows')
assert log.contains('zdm:checklist: 4 ticked, 1 unticked, 0 unknown.')

// JSON, to the file, reading a rehearsal record that does not exist; failOnUnknown=true fails on ZDC01.
def json = new JsonSlurper().parse(new File(basedir, 'target/checklist.json'))
assert json.database == 'zdm_checklist_it'
assert json.online == true
assert json.pending == ['V2__orders_status_idx.sql', 'V3__close_new_orders.sql', 'V4__drop_legacy.sql']
assert json.items*.id == ['ZDC01', 'ZDC02', 'ZDC03', 'ZDC04', 'ZDC05']
assert json.items*.tick == ['UNKNOWN', 'TICKED', 'TICKED', 'UNTICKED', 'TICKED']
assert json.items[3].evidence[0].subject == 'V2__orders_status_idx.sql:2'
assert log.contains('zdm:checklist: 1 of 5 items unknown (ZDC01) and zdm.failOnUnknown=true')

def conf = new Properties()
new File(basedir, 'target/database.conf').withReader('UTF-8') { conf.load(it) }
if (conf.getProperty('flyway.password')) {
    assert !log.contains(conf.getProperty('flyway.password'))
}
return true
