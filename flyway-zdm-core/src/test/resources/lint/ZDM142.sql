-- case: serial primary key
-- expect: ZDM142
CREATE TABLE t (id serial PRIMARY KEY, name text);

-- case: integer primary key
-- expect: ZDM142
CREATE TABLE t (id integer PRIMARY KEY);

-- case: int identity primary key
-- expect: ZDM142
CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY);

-- case: table-level primary key on an int column
-- expect: ZDM142
CREATE TABLE t (id int4 NOT NULL, name text, CONSTRAINT t_pkey PRIMARY KEY (id));

-- case: severity is warning
-- expect: ZDM142:warning
CREATE TABLE t (id smallserial PRIMARY KEY);

-- case: bigint identity primary key
-- expect: none
CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);

-- case: bigserial and uuid keys
-- expect: none
CREATE TABLE a (id bigserial PRIMARY KEY);
CREATE TABLE b (id uuid PRIMARY KEY DEFAULT gen_random_uuid());

-- case: composite key of ints is not reported
-- expect: none
CREATE TABLE link (a int, b int, PRIMARY KEY (a, b));

-- case: int column that is not the key
-- expect: none
CREATE TABLE t (id bigint PRIMARY KEY, n int);
