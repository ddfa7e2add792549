-- case: drop not null on an existing table
-- expect: ZDM150
ALTER TABLE users ALTER COLUMN legacy_flag DROP NOT NULL;

-- case: drop not null among other actions
-- expect: ZDM150
ALTER TABLE users ALTER COLUMN nickname SET DEFAULT 'x', ALTER COLUMN nickname DROP NOT NULL;

-- case: drop not null on a table created in the same migration
-- expect: none
CREATE TABLE t (id bigint PRIMARY KEY, v text NOT NULL);
ALTER TABLE t ALTER COLUMN v DROP NOT NULL;

-- case: drop not null on a table created by an unreleased earlier migration
-- expect: none
-- config: since=1
CREATE TABLE t (id bigint PRIMARY KEY, v text NOT NULL);
-- file: V2__relax.sql
ALTER TABLE t ALTER COLUMN v DROP NOT NULL;

-- case: set not null is not this rule
-- expect: ZDM114
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
