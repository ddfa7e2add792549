-- case: create table with bigint identity key
-- expect: none
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  total numeric(12,2) NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT orders_total_positive CHECK (total >= 0)
);

-- case: create table then index it in the same migration
-- expect: none
CREATE TABLE events (id bigserial PRIMARY KEY, kind text NOT NULL, payload jsonb);
CREATE INDEX events_kind ON events (kind);
CREATE UNIQUE INDEX events_payload_id ON events ((payload->>'id'));

-- case: add nullable column
-- expect: none
ALTER TABLE users ADD COLUMN nickname text;

-- case: add column with constant default on 11+
-- expect: none
-- pg: 11+
ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;

-- case: add column with now() default (stable) on 11+
-- expect: none
-- pg: 11+
ALTER TABLE users ADD COLUMN updated_at timestamptz DEFAULT now();

-- case: add column with cast constant default
-- expect: none
ALTER TABLE users ADD COLUMN tags text[] NOT NULL DEFAULT '{}'::text[];

-- case: add column with jsonb default
-- expect: none
ALTER TABLE users ADD COLUMN settings jsonb NOT NULL DEFAULT '{}';

-- case: add column with current_timestamp default
-- expect: none
ALTER TABLE users ADD COLUMN seen_at timestamp DEFAULT CURRENT_TIMESTAMP;

-- case: create index concurrently alone
-- expect: none
CREATE INDEX CONCURRENTLY users_email ON users (email);

-- case: several concurrent indexes in one migration
-- expect: none
CREATE INDEX CONCURRENTLY users_email ON users (email);
CREATE UNIQUE INDEX CONCURRENTLY users_login ON users (lower(login));

-- case: drop index concurrently
-- expect: none
DROP INDEX CONCURRENTLY IF EXISTS users_email;

-- case: set and drop default
-- expect: none
ALTER TABLE users ALTER COLUMN status SET DEFAULT 'active';
ALTER TABLE users ALTER COLUMN age DROP DEFAULT;

-- case: foreign key not valid then validate in the next migration
-- expect: none
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
-- file: V2__validate.sql
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;

-- case: insert reference data
-- expect: none
INSERT INTO countries (code, name) VALUES ('DE', 'Germany'), ('FR', 'France');

-- case: targeted update by id
-- expect: none
UPDATE users SET role = 'admin' WHERE id = 42;

-- case: targeted delete by key list
-- expect: none
DELETE FROM sessions WHERE session_id IN ('a', 'b', 'c');

-- case: create view and function
-- expect: none
CREATE OR REPLACE VIEW active_users AS SELECT * FROM users WHERE active;
CREATE OR REPLACE FUNCTION now_utc() RETURNS timestamp LANGUAGE sql STABLE AS $$ SELECT now() AT TIME ZONE 'utc' $$;

-- case: comments grants and sequences
-- expect: none
COMMENT ON COLUMN users.email IS 'login e-mail';
GRANT SELECT ON users TO reporting;
CREATE SEQUENCE IF NOT EXISTS invoice_numbers START 1000;
ALTER SEQUENCE invoice_numbers RESTART WITH 2000;

-- case: extension schema and enum type
-- expect: none
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE SCHEMA IF NOT EXISTS audit;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');

-- case: analyze and plain vacuum are harmless
-- expect: none
ANALYZE users;

-- case: set statistics takes a weak lock
-- expect: none
ALTER TABLE users ALTER COLUMN email SET STATISTICS 500;

-- case: storage parameters take a weak lock
-- expect: none
ALTER TABLE users SET (fillfactor = 90, autovacuum_vacuum_scale_factor = 0.05);

-- case: add column to a new table created in the same migration
-- expect: none
CREATE TABLE audit_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
ALTER TABLE audit_log ADD COLUMN at timestamptz NOT NULL, ADD COLUMN who text NOT NULL;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_who CHECK (who <> '');
UPDATE audit_log SET who = 'x';

-- case: quoted mixed-case table created then altered
-- expect: none
CREATE TABLE "Invoice" (id bigint PRIMARY KEY, "Total" numeric);
ALTER TABLE "Invoice" ALTER COLUMN "Total" SET NOT NULL;

-- case: schema-qualified table created then indexed unqualified
-- expect: none
CREATE TABLE app.items (id bigint PRIMARY KEY, sku text);
CREATE INDEX items_sku ON items (sku);

-- case: create table as select
-- expect: none
CREATE TABLE users_backup AS SELECT * FROM users;

-- case: enable row level security and policy on a new table
-- expect: none
CREATE TABLE notes (id bigint PRIMARY KEY, owner text);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY notes_owner ON notes USING (owner = current_user);

-- case: select with a trailing semicolon-free last statement
-- expect: none
SELECT count(*) FROM users

-- case: temporary table work
-- expect: none
CREATE TEMP TABLE scratch (id int);
INSERT INTO scratch SELECT 1;
