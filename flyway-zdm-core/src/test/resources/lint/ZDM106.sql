-- case: concurrent index if not exists
-- expect: ZDM106
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email);

-- case: unique concurrent index if not exists
-- expect: ZDM106
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_login ON users (login);

-- case: drop the leftover first then create
-- expect: none
DROP INDEX CONCURRENTLY IF EXISTS users_email;
CREATE INDEX CONCURRENTLY users_email ON users (email);

-- case: plain if not exists is another rule
-- expect: ZDM101
CREATE INDEX IF NOT EXISTS users_email ON users (email);
