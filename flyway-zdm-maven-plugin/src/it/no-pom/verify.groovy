def log = new File(basedir, 'build.log').text
assert log.contains('V2__truncate.sql:1:1: error ZDM132 TRUNCATE things takes ACCESS EXCLUSIVE')
assert log.contains('1 finding(s) reach failOn=warning')
return true
