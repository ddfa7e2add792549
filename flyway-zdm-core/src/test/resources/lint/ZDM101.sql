-- case: plain create index on existing table
-- expect: ZDM101
CREATE INDEX users_email ON users (email);

-- case: unique index on existing table
-- expect: ZDM101
CREATE UNIQUE INDEX users_login ON users (login);

-- case: schema-qualified table and expression index
-- expect: ZDM101
CREATE INDEX users_lower_email ON app.users (lower(email)) WHERE deleted_at IS NULL;

-- case: index without a name
-- expect: ZDM101
CREATE INDEX ON users (created_at);

-- case: index with using clause and if not exists
-- expect: ZDM101
CREATE INDEX IF NOT EXISTS users_tags ON users USING gin (tags);

-- case: concurrently is safe
-- expect: none
CREATE INDEX CONCURRENTLY users_email ON users (email);

-- case: index on a table created in the same migration
-- expect: none
CREATE TABLE accounts (id bigint PRIMARY KEY, email text);
CREATE INDEX accounts_email ON accounts (email);

-- case: on only parent is the partitioned-table pattern
-- expect: none
CREATE INDEX measurements_at ON ONLY measurements (at);

-- case: index on a quoted table created earlier with different case written the same
-- expect: none
CREATE TABLE "Audit" (id bigint PRIMARY KEY, at timestamptz);
CREATE INDEX audit_at ON "Audit" (at);

-- case: quoted and unquoted names differ
-- expect: ZDM101
CREATE TABLE "Audit" (id bigint PRIMARY KEY, at timestamptz);
CREATE INDEX audit_at ON audit (at);
