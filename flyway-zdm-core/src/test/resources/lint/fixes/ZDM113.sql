-- setup:
CREATE TABLE counters (id int PRIMARY KEY, hits int);
-- migration:
ALTER TABLE counters ALTER COLUMN hits TYPE bigint;
-- fixed: V2__expand.sql
ALTER TABLE counters ADD COLUMN hits_new bigint;
