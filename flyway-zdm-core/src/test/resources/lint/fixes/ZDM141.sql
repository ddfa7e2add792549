-- setup:
CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text, active boolean, mood_note text);
INSERT INTO users (id, email) SELECT g, 'u' || g || '@x' FROM generate_series(1, 50) g;
-- migration:
BEGIN;
ALTER TABLE users ADD COLUMN a text;
COMMIT;
-- fixed: V2__column.sql
ALTER TABLE users ADD COLUMN a text;
