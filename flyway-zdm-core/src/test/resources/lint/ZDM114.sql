-- case: set not null without a check
-- expect: ZDM114
ALTER TABLE users ALTER COLUMN email SET NOT NULL;

-- case: check added not valid but not validated
-- expect: ZDM114
ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;
-- file: V2__set.sql
ALTER TABLE users ALTER COLUMN email SET NOT NULL;

-- case: check validated in an earlier migration
-- expect: none
ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;
-- file: V2__validate.sql
ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;
-- file: V3__set.sql
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT users_email_nn;

-- case: check on another column does not help
-- expect: ZDM114
ALTER TABLE users ADD CONSTRAINT users_name_nn CHECK (name IS NOT NULL) NOT VALID;
-- file: V2__validate.sql
ALTER TABLE users VALIDATE CONSTRAINT users_name_nn;
-- file: V3__set.sql
ALTER TABLE users ALTER COLUMN email SET NOT NULL;

-- case: postgres 18 not null constraint without not valid scans
-- expect: ZDM114
-- pg: 18
ALTER TABLE users ADD CONSTRAINT users_email_nn NOT NULL email;

-- case: postgres 18 not null constraint not valid
-- expect: none
-- pg: 18
ALTER TABLE users ADD CONSTRAINT users_email_nn NOT NULL email NOT VALID;

-- case: postgres 18 validated not null constraint
-- expect: none
-- pg: 18
ALTER TABLE users ADD CONSTRAINT users_email_nn NOT NULL email NOT VALID;
-- file: V2__validate.sql
ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;

-- case: set not null on a new table
-- expect: none
CREATE TABLE t (id bigint);
ALTER TABLE t ALTER COLUMN id SET NOT NULL;

-- case: set not null on a table whose check is validated in the same file after the add
-- expect: ZDM117
ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;

-- case: rename a column, add a new one with the old name, set it not null (the new column is nullable)
-- expect: ZDM114 ZDM120
-- config: since=2
CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);
-- file: V2__split_name.sql
ALTER TABLE users RENAME COLUMN name TO simple_name;
ALTER TABLE users ADD COLUMN name text;
ALTER TABLE users ALTER COLUMN name SET NOT NULL;

-- case: the renamed column keeps its NOT NULL
-- expect: ZDM120
-- config: since=2
CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);
-- file: V2__rename.sql
ALTER TABLE users RENAME COLUMN name TO full_name;
ALTER TABLE users ALTER COLUMN full_name SET NOT NULL;

-- case: a renamed table keeps its NOT NULL proofs
-- expect: ZDM121
-- config: since=2
CREATE TABLE people (id bigint PRIMARY KEY, email text NOT NULL);
-- file: V2__rename.sql
ALTER TABLE people RENAME TO persons;
-- file: V3__not_null.sql
ALTER TABLE persons ALTER COLUMN email SET NOT NULL;

-- case: validate of a constraint from an unseen migration, then set not null: say what to check
-- expect: ZDM114:warning
ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;

-- case: primary key using index on a column known to allow NULLs
-- expect: ZDM114:error
-- config: since=2
CREATE TABLE accounts (id bigint, code text);
-- file: V2__index.sql
CREATE UNIQUE INDEX CONCURRENTLY accounts_id_idx ON accounts (id);
-- file: V3__pk.sql
ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_id_idx;

-- case: primary key using index on NOT NULL columns
-- expect: none
-- config: since=2
CREATE TABLE accounts (id bigint NOT NULL, code text);
-- file: V2__index.sql
CREATE UNIQUE INDEX CONCURRENTLY accounts_id_idx ON accounts (id);
-- file: V3__pk.sql
ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_id_idx;
