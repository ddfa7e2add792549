-- setup:
CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text, active boolean, mood_note text);
INSERT INTO users (id, email) SELECT g, 'u' || g || '@x' FROM generate_series(1, 50) g;
CREATE INDEX users_email ON users (email);
-- migration:
DROP INDEX users_email;
-- fixed: V2__drop_index.sql
DROP INDEX CONCURRENTLY IF EXISTS users_email;
