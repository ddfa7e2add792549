-- setup:
CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text, active boolean, mood_note text);
INSERT INTO users (id, email) SELECT g, 'u' || g || '@x' FROM generate_series(1, 50) g;
CREATE INDEX users_email ON users (email);
-- migration:
REINDEX INDEX users_email;
-- fixed: V2__reindex.sql
REINDEX INDEX CONCURRENTLY users_email;
