-- case: random default rewrites
-- expect: ZDM110
ALTER TABLE users ADD COLUMN score float8 DEFAULT random();

-- case: gen_random_uuid default rewrites
-- expect: ZDM110
ALTER TABLE users ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();

-- case: clock_timestamp default rewrites
-- expect: ZDM110
ALTER TABLE users ADD COLUMN created timestamptz DEFAULT clock_timestamp();

-- case: nextval default rewrites
-- expect: ZDM110
ALTER TABLE users ADD COLUMN seq bigint DEFAULT nextval('users_seq');

-- case: user function default is volatile unless declared otherwise
-- expect: ZDM110
ALTER TABLE users ADD COLUMN code text DEFAULT make_code();

-- case: any default before 11 rewrites
-- expect: ZDM110
-- pg: 10
ALTER TABLE users ADD COLUMN active boolean DEFAULT true;

-- case: constant default on 11 is metadata only
-- expect: none
-- pg: 11+
ALTER TABLE users ADD COLUMN active boolean DEFAULT true;

-- case: now is stable
-- expect: none
ALTER TABLE users ADD COLUMN at timestamptz NOT NULL DEFAULT now();

-- case: explicit null default
-- expect: none
-- pg: 10+
ALTER TABLE users ADD COLUMN note text DEFAULT NULL;

-- case: volatile default on a new table
-- expect: none
CREATE TABLE tokens (id bigint PRIMARY KEY);
ALTER TABLE tokens ADD COLUMN value uuid DEFAULT gen_random_uuid();

-- case: volatile default in create table is fine
-- expect: none
CREATE TABLE keys (id uuid PRIMARY KEY DEFAULT gen_random_uuid());
