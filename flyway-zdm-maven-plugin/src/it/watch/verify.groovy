def log = new File(basedir, 'build.log').text
def holder = System.properties.get('zdm.watch.it.holder')
def waiter = System.properties.get('zdm.watch.it.waiter')
try {
    assert log.contains('zdm:watch: every 500ms for 2s')
    assert log =~ /\d\d:\d\d:\d\d tick 1: 1 session blocked/
    assert log =~ /  blocked: pid \d+ \(app "watch-it-waiter", user \S+, active for [^)]*\): SELECT count\(\*\) FROM orders/
    assert log =~ /    waits \S+ for AccessShareLock on public\.orders \(a table the pending migrations touch\)/
    assert log =~ /    blocked by pid \d+ \(app "watch-it-holder", user \S+, idle in transaction for /
    assert !log.contains('holds a lock on') // the holder is shown once, as the blocker
    assert log =~ /zdm:watch: stopped after [45] ticks/
    assert !log.contains('nothing blocked')

    // JSON lines: one object per tick, the waiter and its blocker.
    def lines = new File(basedir, 'target/watch.jsonl').readLines().findAll { it.trim() }
    assert lines.size() == 2
    def tick = new groovy.json.JsonSlurper().parseText(lines[0])
    assert tick.tick == 1
    assert tick.blocked.size() == 1
    assert tick.blocked[0].session.applicationName == 'watch-it-waiter'
    assert tick.blocked[0].relation == 'public.orders'
    assert tick.blocked[0].lockMode == 'AccessShareLock'
    assert tick.blocked[0].touched == true
    assert tick.blocked[0].waitingMs > 0
    assert tick.blocked[0].blockers*.applicationName == ['watch-it-holder']
    assert tick.backfills == [] && tick.indexBuilds == [] && tick.holders == []
    assert log.contains('zdm:watch: ticks written to ')

    // Markdown: the summary at the end.
    def md = new File(basedir, 'target/watch.md').text
    assert md.startsWith('### flyway-zdm watch: `zdm_watch_it`\n\n3 ticks from ')
    assert md.contains('- [ ] **Sessions blocked on a lock** at most 1 at once (at ')
    assert md =~ /  - `pid \d+`: longest wait \S+ for AccessShareLock on public\.orders: pid \d+ \(app "watch-it-waiter"/
    assert md =~ /  - `pid \d+`: blocked 1 session in 3 ticks: pid \d+ \(app "watch-it-holder", user \S+, idle in transaction/
    assert md.contains('**Backfills seen:** none')
    assert md.contains('**Index builds seen:** none')
    assert log.contains('zdm:watch: summary written to ')

    // No credential is printed (the configuration file's URL carries none; a password, when the server has one, is not shown).
    def conf = new Properties()
    new File(basedir, 'target/database.conf').withReader('UTF-8') { conf.load(it) }
    if (conf.getProperty('flyway.password')) {
        assert !log.contains(conf.getProperty('flyway.password'))
    }
} finally {
    holder?.rollback()
    holder?.close()
    waiter?.join(10_000)
    System.properties.remove('zdm.watch.it.holder')
    System.properties.remove('zdm.watch.it.waiter')
}
return true
