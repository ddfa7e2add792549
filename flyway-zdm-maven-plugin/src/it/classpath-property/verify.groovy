import groovy.json.JsonSlurper

def all = new JsonSlurper().parse(new File(basedir, 'target/all.json'))
assert all.files == 3
assert all.findings*.ruleId == ['ZDM120']
assert all.findings[0].file == 'V1_1__rename.sql'

def baseline = new File(basedir, 'zdm-baseline.txt').text
assert baseline.contains('ZDM120\tV1_1__rename.sql\t')

def baselined = new JsonSlurper().parse(new File(basedir, 'target/baselined.json'))
assert baselined.findings.isEmpty()
assert baselined.baselined == 1
return true
