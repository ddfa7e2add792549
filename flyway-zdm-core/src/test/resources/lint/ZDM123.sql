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

-- case: view dropped and created again in the same migration
-- expect: none
DROP VIEW IF EXISTS active_users;
CREATE VIEW active_users AS SELECT id, email FROM users WHERE active;

-- case: materialized view rebuilt in the same migration
-- expect: none
DROP MATERIALIZED VIEW daily_stats;
CREATE MATERIALIZED VIEW daily_stats AS SELECT date_trunc('day', at) AS day, count(*) FROM events GROUP BY 1;

-- case: table dropped and created again still loses its data
-- expect: ZDM123
DROP TABLE IF EXISTS settings;
CREATE TABLE settings (key text PRIMARY KEY, value text);

-- case: repeatable migration replacing a view
-- expect: none
-- file: R__views.sql
DROP VIEW IF EXISTS v_orders;
CREATE OR REPLACE VIEW v_orders AS SELECT * FROM orders;

-- case: drop table if exists of a table renamed away earlier
-- expect: ZDM121
ALTER TABLE audit RENAME TO audit_old;
DROP TABLE IF EXISTS audit;

-- case: drop table if exists of a table an earlier migration dropped
-- expect: none
-- config: since=3
CREATE TABLE audit (id bigint PRIMARY KEY);
-- file: V2__drop.sql
DROP TABLE audit;
-- file: V3__again.sql
DROP TABLE IF EXISTS audit;

-- case: drop table in a migration declared contract is expected, reported as info
-- expect: ZDM123:info
-- zdm:phase=contract

DROP TABLE users;
