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
