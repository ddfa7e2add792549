-- config: assumeRunner=false
-- setup:
CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text, active boolean, mood_note text);
INSERT INTO users (id, email) SELECT g, 'u' || g || '@x' FROM generate_series(1, 50) g;
-- migration:
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email);
-- fixed: V2__index.sql executeInTransaction=false
DROP INDEX CONCURRENTLY IF EXISTS users_email;
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email);
