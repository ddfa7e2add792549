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
