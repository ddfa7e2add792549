-- case: two plain statements
-- statements: 2
-- kinds: CREATE_TABLE INSERT
CREATE TABLE t (id bigint);
INSERT INTO t VALUES (1);

-- case: semicolon inside a standard string
-- statements: 2
-- kinds: INSERT SELECT
INSERT INTO t (s) VALUES ('a; b; c');
SELECT 1;

-- case: doubled quote inside a string
-- statements: 2
INSERT INTO t (s) VALUES ('it''s; here');
SELECT 2;

-- case: backslash-escaped quote in an E string
-- statements: 2
INSERT INTO t (s) VALUES (E'it\'s; here\\');
SELECT 3;

-- case: lower-case e string
-- statements: 2
INSERT INTO t (s) VALUES (e'\'; \'');
SELECT 3;

-- case: backslash in a standard string is not an escape
-- statements: 2
INSERT INTO t (s) VALUES ('C:\path\');
SELECT 4;

-- case: unicode escape string
-- statements: 2
INSERT INTO t (s) VALUES (U&'d\0061t\+000061; x');
SELECT 5;

-- case: unicode quoted identifier
-- statements: 2
SELECT 1 AS U&"d\0061t;a";
SELECT 6;

-- case: bit and hex strings
-- statements: 2
INSERT INTO t (b, x) VALUES (B'1;01', X'1F;');
SELECT 7;

-- case: quoted identifier with a semicolon and doubled quote
-- statements: 2
-- kinds: CREATE_TABLE SELECT
CREATE TABLE "odd;""name" (id bigint);
SELECT 8;

-- case: empty dollar quote
-- statements: 2
-- kinds: CREATE_FUNCTION SELECT
CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;
SELECT 9;

-- case: tagged dollar quote containing an inner $$
-- statements: 2
-- kinds: CREATE_FUNCTION SELECT
CREATE FUNCTION g() RETURNS void AS $body$
BEGIN
  EXECUTE $$ UPDATE t SET s = ';' $$;
  RAISE NOTICE 'done;';
END;
$body$ LANGUAGE plpgsql;
SELECT 10;

-- case: dollar quote tags are case sensitive
-- statements: 1
SELECT $a$ ; $A$ ; $a$;

-- case: identifier containing a dollar is not a dollar quote
-- statements: 2
SELECT a$b, c$$ FROM t;
SELECT 11;

-- case: positional parameters are not dollar quotes
-- statements: 2
-- kinds: UNKNOWN SELECT
PREPARE p AS SELECT $1, $2;
SELECT 12;

-- case: nested block comments
-- statements: 2
/* outer /* inner; */ still a comment; */ SELECT 13;
SELECT 14;

-- case: line comment with a semicolon
-- statements: 2
SELECT 15 -- not the end;
  + 1;
SELECT 16;

-- case: block comment between keywords
-- statements: 1
-- kinds: CREATE_INDEX
CREATE /* ; */ INDEX CONCURRENTLY /* ; */ i ON t (id);

-- case: flyway placeholders
-- statements: 2
-- kinds: INSERT CREATE_TABLE
INSERT INTO ${schema}.t VALUES ('${value};');
CREATE TABLE ${schema}.${table} (id bigint);

-- case: placeholder with a colon namespace
-- statements: 1
-- kinds: SET
SET search_path TO ${flyway:defaultSchema};

-- case: BEGIN ATOMIC body of a SQL function
-- statements: 2
-- kinds: CREATE_FUNCTION SELECT
CREATE FUNCTION add_one(i int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
  SELECT i + 1;
END;
SELECT 17;

-- case: BEGIN ATOMIC with CASE ... END inside
-- statements: 2
-- kinds: CREATE_FUNCTION SELECT
CREATE OR REPLACE FUNCTION sign_of(i int) RETURNS text LANGUAGE sql
BEGIN ATOMIC
  SELECT CASE WHEN i > 0 THEN 'pos' ELSE 'neg' END;
  SELECT 'x';
END;
SELECT 18;

-- case: BEGIN ATOMIC procedure
-- statements: 2
-- kinds: CREATE_PROCEDURE SELECT
CREATE PROCEDURE ins(a int) LANGUAGE sql
BEGIN ATOMIC
  INSERT INTO t VALUES (a);
  INSERT INTO t VALUES (a + 1);
END;
SELECT 19;

-- case: a transaction BEGIN is a statement of its own
-- statements: 3
-- kinds: TRANSACTION_CONTROL UPDATE TRANSACTION_CONTROL
BEGIN;
UPDATE t SET id = 1 WHERE id = 2;
COMMIT;

-- case: semicolons inside parentheses of a rule
-- statements: 2
-- kinds: CREATE_OTHER SELECT
CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));
SELECT 20;

-- case: DO block
-- statements: 2
-- kinds: DO SELECT
DO $$
DECLARE n int;
BEGIN
  SELECT count(*) INTO n FROM t;
  IF n > 0 THEN RAISE NOTICE 'rows;'; END IF;
END $$;
SELECT 21;

-- case: DO block with language and tag
-- statements: 1
-- kinds: DO
DO LANGUAGE plpgsql $do$ BEGIN PERFORM 1; END $do$;

-- case: last statement without semicolon
-- statements: 2
SELECT 22;
SELECT 23

-- case: stray semicolons are not statements
-- statements: 2
;;SELECT 24;;;
SELECT 25;

-- case: only comments
-- statements: 0
-- just a comment; with a semicolon
/* and a block; */

-- case: windows line endings
-- statements: 2
SELECT 26;
SELECT 27;

-- case: multi-line string keeps going
-- statements: 2
INSERT INTO t (s) VALUES ('line one;
line two;');
SELECT 28;

-- case: comment on with a string
-- statements: 2
-- kinds: COMMENT CREATE_INDEX
COMMENT ON TABLE t IS 'users; the main table';
CREATE INDEX CONCURRENTLY i2 ON t (id);

-- case: array and cast syntax
-- statements: 2
-- kinds: SELECT SELECT
SELECT ARRAY[1,2]::int[], '{a;b}'::text[];
SELECT 29;

-- case: with query feeding an update
-- statements: 2
-- kinds: UPDATE SELECT
WITH moved AS (SELECT id FROM t WHERE id < 10) UPDATE t SET id = id + 1 WHERE id IN (SELECT id FROM moved);
SELECT 30;

-- case: copy from stdin is not supported by Flyway and not a split hazard
-- statements: 1
-- kinds: COPY
COPY t (id) FROM '/tmp/data.csv' WITH (FORMAT csv);

-- case: trigger function and trigger
-- statements: 2
-- kinds: CREATE_FUNCTION CREATE_TRIGGER
CREATE FUNCTION sync() RETURNS trigger AS $$
BEGIN NEW.b := NEW.a; RETURN NEW; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER t_sync BEFORE INSERT OR UPDATE ON t FOR EACH ROW EXECUTE FUNCTION sync();

-- case: set statements
-- statements: 3
-- kinds: SET SET RESET
SET lock_timeout = '2s';
SET LOCAL statement_timeout TO 0;
RESET lock_timeout;

-- case: grant and revoke
-- statements: 2
-- kinds: GRANT REVOKE
GRANT SELECT ON t TO reader;
REVOKE ALL ON t FROM PUBLIC;

-- case: end keyword inside ordinary statement does not confuse the splitter
-- statements: 2
SELECT CASE WHEN true THEN 1 END;
SELECT 31;

-- case: unterminated string runs to the end without error
-- statements: 2
SELECT 32;
SELECT 'never closed; SELECT 33;

-- case: unterminated block comment runs to the end without error
-- statements: 1
SELECT 34;
/* never closed; SELECT 35;
-- case: crlf line endings
-- statements: 2
SELECT 1;
SELECT 2;
