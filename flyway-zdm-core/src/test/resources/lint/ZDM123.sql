-- case: drop table
-- expect: ZDM123
DROP TABLE users;

-- case: drop table if exists cascade with several tables
-- expect: ZDM123
DROP TABLE IF EXISTS a, b CASCADE;

-- case: drop view
-- expect: ZDM123
DROP VIEW active_users;

-- case: drop materialized view
-- expect: ZDM123
DROP MATERIALIZED VIEW stats;

-- case: drop schema
-- expect: ZDM123
DROP SCHEMA legacy CASCADE;

-- case: drop a table created in the same migration
-- expect: none
CREATE TABLE tmp (id int);
DROP TABLE tmp;

-- case: drop function and type are not reported
-- expect: none
DROP FUNCTION IF EXISTS old_fn(int);
DROP TYPE IF EXISTS old_type;
