-- case: statement-level ignore with reason
-- expect: none
-- zdm:ignore ZDM101 users has 40 rows in every environment
CREATE INDEX users_email ON users (email);

-- case: ignore after the statement on the same line
-- expect: none
CREATE INDEX users_email ON users (email); -- zdm:ignore ZDM101 tiny table

-- case: ignore for another rule does not silence this one
-- expect: ZDM101
-- zdm:ignore ZDM102 wrong rule
CREATE INDEX users_email ON users (email);

-- case: ignore applies to the next statement only
-- expect: ZDM101
-- zdm:ignore ZDM101 first one is fine
CREATE INDEX a_x ON a (x);
CREATE INDEX b_x ON b (x);

-- case: file-level ignore at the top separated by a blank line
-- expect: none
-- zdm:ignore ZDM122 contract step: release 41 stopped reading these

ALTER TABLE users DROP COLUMN legacy_a;
ALTER TABLE users DROP COLUMN legacy_b;

-- case: explicit ignore-file anywhere before the first statement
-- expect: none
-- Remove the old columns.
-- zdm:ignore-file ZDM122 contract step
ALTER TABLE users DROP COLUMN legacy_a;
ALTER TABLE users DROP COLUMN legacy_b;

-- case: ignore several rules at once
-- expect: none
-- zdm:ignore ZDM101,ZDM142 reviewed
CREATE INDEX users_email ON users (email);

-- case: ignore all
-- expect: none
-- zdm:ignore all reviewed by the DBA
TRUNCATE sessions;

-- case: block comment directive
-- expect: none
/* zdm:ignore ZDM132 cache table */
TRUNCATE cache;

-- case: rule switched off in configuration
-- expect: none
-- config: rules=ZDM101:off
CREATE INDEX users_email ON users (email);

-- case: rule severity changed in configuration
-- expect: ZDM101:warning
-- config: rules=ZDM101:warning
CREATE INDEX users_email ON users (email);

-- case: since skips migrations already in production
-- expect: none
-- config: since=2
CREATE INDEX users_email ON users (email);
-- file: V2__new.sql
CREATE INDEX CONCURRENTLY users_name ON users (name);

-- case: since still reports the new migrations
-- expect: ZDM122
-- config: since=2
CREATE INDEX users_email ON users (email);
-- file: V2__new.sql
ALTER TABLE users DROP COLUMN old;

-- case: a table created by an unreleased migration is new to the next one
-- expect: none
-- config: since=2
SELECT 1;
-- file: V2__create.sql
CREATE TABLE payments (id bigint PRIMARY KEY, amount numeric);
-- file: V3__index.sql
CREATE INDEX payments_amount ON payments (amount);

-- case: without since a table from an earlier migration may be in production
-- expect: ZDM101
CREATE TABLE payments (id bigint PRIMARY KEY, amount numeric);
-- file: V2__index.sql
CREATE INDEX payments_amount ON payments (amount);

-- case: version order not file order
-- expect: none
-- config: since=10
-- file: V10__create.sql
CREATE TABLE t10 (id bigint PRIMARY KEY);
-- file: V9__old.sql
CREATE INDEX old_idx ON users (x);
