-- case: set tablespace
-- expect: ZDM130
ALTER TABLE users SET TABLESPACE fast_ssd;

-- case: set logged
-- expect: ZDM130
ALTER TABLE imports SET LOGGED;

-- case: set unlogged
-- expect: ZDM130
ALTER TABLE imports SET UNLOGGED;

-- case: cluster a table
-- expect: ZDM130
CLUSTER users USING users_pkey;

-- case: vacuum full
-- expect: ZDM130
VACUUM FULL users;

-- case: vacuum full in option form
-- expect: ZDM130
VACUUM (FULL, ANALYZE) users;

-- case: set access method
-- expect: ZDM130
-- pg: 15+
ALTER TABLE users SET ACCESS METHOD heap2;

-- case: plain vacuum and analyze
-- expect: none
VACUUM (ANALYZE) users;

-- case: vacuum with full false
-- expect: none
VACUUM (FULL false) users;

-- case: cluster on only marks the index
-- expect: none
ALTER TABLE users CLUSTER ON users_pkey;

-- case: new table set logged
-- expect: none
CREATE UNLOGGED TABLE staging (id bigint);
ALTER TABLE staging SET LOGGED;
