-- case: not null without default
-- expect: ZDM111
ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;

-- case: not null with explicit null default
-- expect: ZDM111
ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL DEFAULT NULL;

-- case: among several actions
-- expect: ZDM111
ALTER TABLE users ADD COLUMN a text, ADD COLUMN b text NOT NULL;

-- case: not null with constant default
-- expect: none
ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL DEFAULT 0;

-- case: nullable column
-- expect: none
ALTER TABLE users ADD COLUMN tenant_id bigint;

-- case: not null column on a new table
-- expect: none
CREATE TABLE t (id bigint PRIMARY KEY);
ALTER TABLE t ADD COLUMN name text NOT NULL;
