-- case: drop column
-- expect: ZDM122
ALTER TABLE users DROP COLUMN legacy;

-- case: drop column if exists cascade
-- expect: ZDM122
ALTER TABLE users DROP COLUMN IF EXISTS legacy CASCADE;

-- case: drop column without the column keyword
-- expect: ZDM122
ALTER TABLE users DROP legacy;

-- case: drop constraint is not a column drop
-- expect: none
ALTER TABLE users DROP CONSTRAINT users_legacy_check;

-- case: drop column of a new table
-- expect: none
CREATE TABLE t (a int, b int);
ALTER TABLE t DROP COLUMN b;

-- case: drop not null is not a drop column (ZDM150 reports it)
-- expect: ZDM150
ALTER TABLE users ALTER COLUMN legacy DROP NOT NULL;

-- case: drop column if exists of a column an earlier migration dropped
-- expect: none
-- config: since=3
CREATE TABLE users (id bigint PRIMARY KEY, legacy text);
-- file: V2__drop.sql
ALTER TABLE users DROP COLUMN legacy;
-- file: V3__again.sql
ALTER TABLE users DROP COLUMN IF EXISTS legacy;

-- case: alter table if exists of a table renamed away earlier does nothing
-- expect: ZDM121
ALTER TABLE users RENAME TO customers;
ALTER TABLE IF EXISTS users DROP COLUMN legacy;

-- case: alter table if exists of an existing table is judged
-- expect: ZDM122
ALTER TABLE IF EXISTS users DROP COLUMN legacy;

-- case: drop column in a migration declared contract is expected, reported as info
-- expect: ZDM122:info
-- zdm:phase=contract

ALTER TABLE users DROP COLUMN legacy;
