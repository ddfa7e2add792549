-- case: under the runner if not exists is the recommended form
-- expect: none
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email);

-- case: under the runner a unique concurrent index if not exists too
-- expect: none
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_login ON users (login);

-- case: plain flyway keeps an invalid leftover silently
-- config: assumeRunner=false
-- expect: ZDM106
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email);

-- case: plain flyway unique concurrent index if not exists
-- config: assumeRunner=false
-- expect: ZDM106
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_login ON users (login);

-- case: plain flyway drop the leftover first then create if not exists
-- config: assumeRunner=false
-- expect: none
DROP INDEX CONCURRENTLY IF EXISTS users_email;
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email);

-- case: drop the leftover first then create
-- expect: none
DROP INDEX CONCURRENTLY IF EXISTS users_email;
CREATE INDEX CONCURRENTLY users_email ON users (email);

-- case: plain if not exists is another rule
-- expect: ZDM101
CREATE INDEX IF NOT EXISTS users_email ON users (email);
