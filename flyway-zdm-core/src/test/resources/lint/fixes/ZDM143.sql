-- config: assumeRunner=false
-- setup:
CREATE TABLE users (id bigint PRIMARY KEY, email text);
-- migration:
ALTER TABLE users ADD COLUMN note text;
-- fixed: V2__column.sql
SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN note text;
