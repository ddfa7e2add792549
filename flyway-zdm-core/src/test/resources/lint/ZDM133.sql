-- case: lock table default mode
-- expect: ZDM133:error
LOCK TABLE users;

-- case: lock in share mode blocks writes
-- expect: ZDM133:error
LOCK TABLE users IN SHARE MODE;

-- case: lock without table keyword and nowait
-- expect: ZDM133:error
LOCK users IN ACCESS EXCLUSIVE MODE NOWAIT;

-- case: weak lock mode is a warning
-- expect: ZDM133:warning
LOCK TABLE users IN ROW EXCLUSIVE MODE;

-- case: lock a new table
-- expect: none
CREATE TABLE t (id int);
LOCK TABLE t;
