-- setup:
CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text, active boolean, mood_note text);
INSERT INTO users (id, email) SELECT g, 'u' || g || '@x' FROM generate_series(1, 50) g;
-- migration:
-- zdm:bached key=id size=1000
UPDATE users SET active = false WHERE active IS NULL;
-- fixed: V2__backfill.sql executeInTransaction=false
-- zdm:batched key=id size=1000
UPDATE users SET active = false WHERE active IS NULL;
