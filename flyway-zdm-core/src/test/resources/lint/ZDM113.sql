-- case: int to bigint rewrites
-- expect: ZDM113
ALTER TABLE users ALTER COLUMN id TYPE bigint;

-- case: set data type with using
-- expect: ZDM113
ALTER TABLE users ALTER COLUMN age SET DATA TYPE int USING age::int;

-- case: unknown old type to text is a warning
-- expect: ZDM113:warning
ALTER TABLE users ALTER COLUMN code TYPE text;

-- case: unknown old type to varchar n is a warning
-- expect: ZDM113:warning
ALTER TABLE users ALTER COLUMN name TYPE varchar(255);

-- case: known varchar widening is binary compatible
-- expect: none
CREATE TABLE t (name varchar(50));
-- file: V2__widen.sql
ALTER TABLE t ALTER COLUMN name TYPE varchar(100);

-- case: known varchar to text is binary compatible
-- expect: none
CREATE TABLE t (name character varying(50));
-- file: V2__widen.sql
ALTER TABLE t ALTER COLUMN name TYPE text;

-- case: known varchar shortening rewrites
-- expect: ZDM113:error
CREATE TABLE t (name varchar(50));
-- file: V2__shorten.sql
ALTER TABLE t ALTER COLUMN name TYPE varchar(20);

-- case: known numeric precision increase is binary compatible
-- expect: none
CREATE TABLE t (amount numeric(10,2));
-- file: V2__widen.sql
ALTER TABLE t ALTER COLUMN amount TYPE numeric(12,2);

-- case: known numeric scale change rewrites
-- expect: ZDM113:error
CREATE TABLE t (amount numeric(10,2));
-- file: V2__scale.sql
ALTER TABLE t ALTER COLUMN amount TYPE numeric(12,4);

-- case: known int to bigint rewrites
-- expect: ZDM113:error
CREATE TABLE t (n integer);
-- file: V2__big.sql
ALTER TABLE t ALTER COLUMN n TYPE int8;

-- case: timestamp to timestamptz depends on the time zone
-- expect: ZDM113:warning
CREATE TABLE t (at timestamp without time zone);
-- file: V2__tz.sql
ALTER TABLE t ALTER COLUMN at TYPE timestamp with time zone;

-- case: cidr to inet is binary compatible
-- expect: none
CREATE TABLE t (net cidr);
-- file: V2__inet.sql
ALTER TABLE t ALTER COLUMN net TYPE inet;

-- case: type change on a new table
-- expect: none
CREATE TABLE t (n integer);
ALTER TABLE t ALTER COLUMN n TYPE bigint;
