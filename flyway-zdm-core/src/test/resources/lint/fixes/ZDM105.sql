-- config: assumeRunner=false
-- setup:
CREATE TABLE users (id bigint PRIMARY KEY, email text);
CREATE INDEX users_email ON users (email);
-- migration:
REINDEX INDEX CONCURRENTLY users_email;
-- fixed: V2__reindex.sql executeInTransaction=false
REINDEX INDEX CONCURRENTLY users_email;
