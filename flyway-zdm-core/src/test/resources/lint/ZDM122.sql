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

-- case: drop not null is not reported
-- expect: none
ALTER TABLE users ALTER COLUMN legacy DROP NOT NULL;
