-- setup:
CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text, active boolean, mood_note text);
INSERT INTO users (id, email) SELECT g, 'u' || g || '@x' FROM generate_series(1, 50) g;
-- migration:
DO $$ BEGIN EXECUTE 'ALTER TABLE users ADD COLUMN x int'; END $$;
-- fixed: V2__do.sql
-- zdm:ignore ZDM100 reviewed: adds one nullable column, metadata only
DO $$ BEGIN EXECUTE 'ALTER TABLE users ADD COLUMN x int'; END $$;
