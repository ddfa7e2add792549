-- case: rename table
-- expect: ZDM121
ALTER TABLE users RENAME TO customers;

-- case: rename schema-qualified table if exists
-- expect: ZDM121
ALTER TABLE IF EXISTS app.users RENAME TO customers;

-- case: rename a new table
-- expect: none
CREATE TABLE staging (id bigint);
ALTER TABLE staging RENAME TO final;

-- case: rename index is not a table rename
-- expect: none
ALTER INDEX users_email RENAME TO users_email_idx;
