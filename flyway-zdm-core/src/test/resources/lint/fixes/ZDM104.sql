-- setup:
CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text, active boolean, mood_note text);
INSERT INTO users (id, email) SELECT g, 'u' || g || '@x' FROM generate_series(1, 50) g;
-- migration:
ALTER TABLE users ADD COLUMN email2 text;
CREATE INDEX CONCURRENTLY users_email2 ON users (email2);
-- fixed: V2__column.sql
ALTER TABLE users ADD COLUMN email2 text;
-- fixed: V3__index.sql
CREATE INDEX CONCURRENTLY users_email2 ON users (email2);
