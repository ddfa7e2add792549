import groovy.json.JsonSlurper

def json = new JsonSlurper().parse(new File(basedir, 'target/lint.json'))
assert json.files == 3
assert json.statements == 3
assert json.findings.size() == 2
def first = json.findings[0]
assert first.ruleId == 'ZDM101'
assert first.severity == 'error'
assert first.file == 'V2__add_index.sql'
assert first.line == 2 && first.column == 1
assert first.statement == 'CREATE INDEX users_email ON users (email)'
assert first.fix.startsWith('CREATE INDEX CONCURRENTLY users_email ON users (email);')
assert json.findings[1].ruleId == 'ZDM102' && json.findings[1].severity == 'warning'

def md = new File(basedir, 'target/lint.md').text
assert md.contains('### flyway-zdm migration lint')
assert md.contains('| error | ZDM101 CREATE INDEX without CONCURRENTLY on an existing table | `V2__add_index.sql:2:1` |')
assert !md.contains('docs/rules.md')

def sarif = new JsonSlurper().parse(new File(basedir, 'target/lint.sarif'))
assert sarif.version == '2.1.0'
def result = sarif.runs[0].results[0]
assert result.ruleId == 'ZDM101' && result.level == 'error'
assert result.locations[0].physicalLocation.artifactLocation.uri == 'db/migrations/V2__add_index.sql'
assert result.locations[0].physicalLocation.region.startLine == 2

// Text goes to standard output, compiler style, with the fix below.
def log = new File(basedir, 'build.log').text
assert log.contains('V2__add_index.sql:2:1: error ZDM101 CREATE INDEX on users takes a SHARE lock')
assert log.contains('    fix: CREATE INDEX CONCURRENTLY users_email ON users (email);')
assert log.contains('V3__drop_index.sql:1:1: warning ZDM102')
return true
