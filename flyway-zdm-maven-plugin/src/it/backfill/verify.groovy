def log = new File(basedir, 'build.log').text

// 1: paused at once (no runner holds it)
assert log =~ /V2__count_every_row\.sql#[0-9a-f]+ \(background\): paused, 0 rows done/
// 2: zdm:status shows the job paused
assert log.contains('flyway-zdm status of database zdm_backfill_it')
assert log =~ /V2__count_every_row\.sql#[0-9a-f]+ on public\.accounts: paused/
// 3: a runner leaves a paused job alone
def runs = log.findAll(/ran V2__count_every_row\.sql#[0-9a-f]+: done, 30000 rows in 30 batches/)
assert runs.size() == 1
// 5: after the resume, zdm:backfill ran it to the end with progress lines
assert log.contains('backfill accounts: done')
// 6: zdm:status shows it done
assert log =~ /V2__count_every_row\.sql#[0-9a-f]+ on public\.accounts: done, 30,000 rows done/

def c = dev.zdm.maven.ItDatabase.server().connect('zdm_backfill_it')
try {
    def rs = c.createStatement().executeQuery("SELECT count(*) FROM accounts WHERE n <> 1")
    rs.next()
    assert rs.getLong(1) == 0
} finally {
    c.close()
}
return true
