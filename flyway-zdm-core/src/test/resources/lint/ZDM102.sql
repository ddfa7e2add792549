-- case: plain drop index
-- expect: ZDM102
DROP INDEX users_email;

-- case: drop index if exists with schema
-- expect: ZDM102
DROP INDEX IF EXISTS app.users_email;

-- case: two indexes in one statement
-- expect: ZDM102
DROP INDEX a_idx, b_idx;

-- case: severity is warning
-- expect: ZDM102:warning
DROP INDEX users_email;

-- case: drop index concurrently
-- expect: none
DROP INDEX CONCURRENTLY users_email;

-- case: drop an index created in the same migration
-- expect: none
CREATE INDEX CONCURRENTLY tmp_idx ON users (x);
DROP INDEX CONCURRENTLY tmp_idx;

-- case: drop index if exists of an index an earlier migration dropped
-- expect: none
-- config: since=2
CREATE TABLE users (id bigint PRIMARY KEY, email text);
CREATE INDEX users_email ON users (email);
-- file: V2__drop.sql
DROP INDEX CONCURRENTLY users_email;
-- file: V3__drop_again.sql
DROP INDEX IF EXISTS users_email;

-- case: drop index if exists of an index renamed away earlier in the migration
-- expect: none
ALTER INDEX users_email RENAME TO users_email_old;
DROP INDEX IF EXISTS users_email;

-- case: drop index if exists of the new name of a renamed index
-- expect: ZDM102
ALTER INDEX users_email RENAME TO users_email_old;
DROP INDEX IF EXISTS users_email_old;

-- case: drop index if exists of an index a constraint took over (USING INDEX renames it)
-- expect: none
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;
DROP INDEX IF EXISTS users_email_idx;

-- case: drop index if exists of an index whose table was dropped
-- expect: ZDM123
-- config: since=2
CREATE TABLE audit (id bigint PRIMARY KEY, at timestamptz);
CREATE INDEX audit_at ON audit (at);
-- file: V2__drop.sql
DROP TABLE audit;
DROP INDEX IF EXISTS audit_at;

-- case: dropped, then created again by a released migration: a second drop is real
-- expect: ZDM102
-- config: since=4
CREATE TABLE users (id bigint PRIMARY KEY, email text);
CREATE INDEX users_email ON users (email);
-- file: V2__rebuild.sql
DROP INDEX CONCURRENTLY users_email;
-- file: V3__create.sql
CREATE INDEX CONCURRENTLY users_email ON users (email);
-- file: V4__drop.sql
DROP INDEX IF EXISTS users_email;

-- case: drop index if exists of an index dropped by constraint drop
-- expect: none
ALTER TABLE users ADD CONSTRAINT users_login_key UNIQUE USING INDEX users_login_idx;
ALTER TABLE users DROP CONSTRAINT users_login_key;
DROP INDEX IF EXISTS users_login_key;
