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
