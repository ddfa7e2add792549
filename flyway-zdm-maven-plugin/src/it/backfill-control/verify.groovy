def log = new File(basedir, 'build.log').text

// 1: cancelled at once (no runner holds it)
assert log =~ /cancel V3__count_events\.sql done/
// 2: the second key range of V2 fails on the CHECK, the first is done, V3 is left alone
assert log =~ /V2__fill_tiers\.sql#[0-9a-f]+#range=2\/2[^\n]*violates check constraint/
assert log.contains('a backfill job failed (see above); fix the cause, then mvn zdm:backfill -Dzdm.retry=<id>')
// 3: zdm:status shows the failed range with its error
assert log =~ /V2__fill_tiers\.sql#[0-9a-f]+#range=2\/2 on public\.accounts: failed[^\n]*(\n[^\n]*){0,2}\n\s+last error: [^\n]*violates check constraint "accounts_tier_check"/
// 5: the retry queues the failed range again (the done range, with nothing matching, stays done)
assert log =~ /retry V2__fill_tiers\.sql done/
// 6: the retried range runs to the end
assert log =~ /ran V2__fill_tiers\.sql#[0-9a-f]+#range=2\/2: done/
// 7: V5 requires the cancelled V3: refused, with the reason
assert log =~ /Migration V5__events_counted\.sql requires backfill V3__count_events\.sql#[0-9a-f]+ to be done and verified; it is cancelled/
assert log.contains('-Dzdm.retry=V3__count_events.sql')
// 8: status: V2's ranges done, V3 cancelled
assert log =~ /V2__fill_tiers\.sql#[0-9a-f]+#range=1\/2 on public\.accounts: done/
assert log =~ /V3__count_events\.sql#[0-9a-f]+ on public\.events: cancelled/

def c = dev.zdm.maven.ItDatabase.server().connect('zdm_backfill_control_it')
try {
    def q = { String sql -> def rs = c.createStatement().executeQuery(sql); rs.next(); rs.getString(1) }
    assert q("SELECT count(*) FROM accounts WHERE tier IS NULL OR tier <> score / 10") == '0'
    assert q("SELECT count(*) FROM events WHERE n <> 0") == '0'
    assert q("SELECT count(*) FROM flyway_schema_history WHERE version = '5' AND success") == '0'
    assert q("SELECT string_agg(state, ',' ORDER BY backfill_id) FROM zdm_backfill_progress") == 'done,done,cancelled'
} finally {
    c.close()
}
return true
