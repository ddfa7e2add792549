import groovy.json.JsonSlurper

// PostgreSQL 19: VACUUM FULL is still ZDM130, and its fix is REPACK (CONCURRENTLY) (release notes; no 19 server here).
def pg19 = new JsonSlurper().parse(new File(basedir, 'target/pg19.json'))
assert pg19.findings.size() == 1
assert pg19.findings[0].ruleId == 'ZDM130'
assert pg19.findings[0].fix.startsWith('REPACK (CONCURRENTLY) users;')

// PostgreSQL 18 has no REPACK: the fix stays a plain VACUUM.
def pg18 = new JsonSlurper().parse(new File(basedir, 'target/pg18.json'))
assert pg18.findings.size() == 1
assert pg18.findings[0].ruleId == 'ZDM130'
assert pg18.findings[0].fix.startsWith('VACUUM users;')

def log = new File(basedir, 'build.log').text
assert log.contains('PostgreSQL 19')
return true
