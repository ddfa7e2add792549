-- setup:
CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text, active boolean, mood_note text);
INSERT INTO users (id, email) SELECT g, 'u' || g || '@x' FROM generate_series(1, 50) g;
-- migration:
ALTER TABLE users ADD COLUMN score float8 DEFAULT random();
-- fixed: V2__column.sql
ALTER TABLE users ADD COLUMN score double precision;
ALTER TABLE users ALTER COLUMN score SET DEFAULT random();
-- fixed: V3__fill.sql
-- zdm:batched key=id size=5000
UPDATE users SET score = random() WHERE score IS NULL;
