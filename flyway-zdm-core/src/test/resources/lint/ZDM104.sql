-- case: concurrent index with a table change
-- expect: ZDM104
ALTER TABLE users ADD COLUMN email2 text;
CREATE INDEX CONCURRENTLY users_email2 ON users (email2);

-- case: drop index concurrently with an insert
-- expect: ZDM104
DROP INDEX CONCURRENTLY old_idx;
INSERT INTO audit VALUES ('dropped');

-- case: lock timeout setting mixed with concurrent index
-- expect: ZDM104
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY users_email ON users (email);

-- case: vacuum mixed with ddl
-- expect: ZDM104
CREATE TABLE t (id bigint PRIMARY KEY);
VACUUM users;

-- case: several concurrent statements only
-- expect: none
CREATE INDEX CONCURRENTLY a_x ON a (x);
CREATE INDEX CONCURRENTLY b_x ON b (x);
DROP INDEX CONCURRENTLY IF EXISTS old_idx;

-- case: transactional statements only
-- expect: none
CREATE TABLE t (id bigint PRIMARY KEY);
CREATE INDEX t_id ON t (id);

-- case: a batched update beside DDL: Flyway refuses the mix once the runner makes the migration non-transactional
-- expect: ZDM104
ALTER TABLE users ADD COLUMN email_lower text;
-- zdm:batched key=id size=5000
UPDATE users SET email_lower = lower(email) WHERE email_lower IS NULL;

-- case: a batched update in a migration of its own
-- expect: none
-- zdm:batched key=id size=5000
UPDATE users SET email_lower = lower(email) WHERE email_lower IS NULL;

-- case: two batched statements may share a migration
-- expect: none
-- zdm:batched size=5000
UPDATE users SET email_lower = lower(email) WHERE email_lower IS NULL;
-- zdm:batched size=5000
DELETE FROM sessions WHERE expires_at < now();
