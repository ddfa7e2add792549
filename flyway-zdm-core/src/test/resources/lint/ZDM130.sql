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

-- PostgreSQL 19: REPACK. Without CONCURRENTLY it is VACUUM FULL / CLUSTER under ACCESS EXCLUSIVE; from 19 on the
-- fix for all three is REPACK (CONCURRENTLY). (From the release notes and docs; no PostgreSQL 19 server checked it.)

-- case: vacuum full before 19 keeps the plain VACUUM fix
-- expect: ZDM130
-- pg: 12-18
-- fix: VACUUM users;  -- no blocking
VACUUM FULL users;

-- case: vacuum full on 19 becomes repack concurrently
-- expect: ZDM130
-- pg: 19
-- fix: REPACK (CONCURRENTLY) users;
VACUUM FULL users;

-- case: vacuum full in option form on 19
-- expect: ZDM130
-- pg: 19
-- fix: REPACK (CONCURRENTLY) app.users;
VACUUM (FULL, ANALYZE) app.users;

-- case: vacuum full of the whole database on 19
-- expect: ZDM130
-- pg: 19
-- fix: cannot run on every table at once
VACUUM FULL;

-- case: cluster before 19 keeps the pg_repack fix
-- expect: ZDM130
-- pg: 12-18
-- fix: online with pg_repack
CLUSTER users USING users_pkey;

-- case: cluster on 19 becomes repack concurrently using the same index
-- expect: ZDM130
-- pg: 19
-- fix: REPACK (CONCURRENTLY) users USING INDEX users_pkey;
CLUSTER users USING users_pkey;

-- case: cluster on its clustered index on 19
-- expect: ZDM130
-- pg: 19
-- fix: REPACK (CONCURRENTLY) users USING INDEX;
CLUSTER VERBOSE users;

-- case: repack a table
-- expect: ZDM130
-- pg: 19
-- statements: 1
-- kinds: REPACK
-- fix: REPACK (CONCURRENTLY) users;
REPACK users;

-- case: repack using an index
-- expect: ZDM130
-- pg: 19
-- fix: REPACK (CONCURRENTLY) users USING INDEX users_created_idx;
REPACK users USING INDEX users_created_idx;

-- case: repack verbose using the clustered index
-- expect: ZDM130
-- pg: 19
-- fix: REPACK (CONCURRENTLY) users USING INDEX;
REPACK (VERBOSE) users USING INDEX;

-- case: repack with analyze of some columns
-- expect: ZDM130
-- pg: 19
-- fix: REPACK (CONCURRENTLY) users;
REPACK (ANALYZE) users (email, created_at);

-- case: repack with concurrently set false
-- expect: ZDM130
-- pg: 19
REPACK (CONCURRENTLY false) users;

-- case: repack of every table
-- expect: ZDM130
-- pg: 19
-- fix: cannot run on every table at once
REPACK;

-- case: repack of every table with a clustered index
-- expect: ZDM130
-- pg: 19
REPACK USING INDEX;

-- case: repack concurrently
-- expect: none
-- pg: 19
-- statements: 1
-- kinds: REPACK
REPACK (CONCURRENTLY) users;

-- case: repack verbose concurrently using an index
-- expect: none
-- pg: 19
REPACK (VERBOSE, CONCURRENTLY) users USING INDEX users_created_idx;

-- case: repack concurrently true with analyze of columns
-- expect: none
-- pg: 19
REPACK (CONCURRENTLY true, ANALYZE) app.users (email);

-- case: repack concurrently without the runner is run in a transaction by plain Flyway
-- expect: ZDM105
-- pg: 19
-- config: assumeRunner=false
REPACK (CONCURRENTLY) users;

-- case: repack concurrently in a transactional migration
-- expect: ZDM104
-- pg: 19
ALTER TABLE users ADD COLUMN note text;
REPACK (CONCURRENTLY) users;

-- case: repack of a table created in the same migration
-- expect: none
-- pg: 19
CREATE TABLE staging (id bigint);
REPACK staging;
