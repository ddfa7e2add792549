-- case: alter without lock timeout when no runner is assumed
-- expect: ZDM143
-- config: assumeRunner=false
ALTER TABLE users ADD COLUMN note text;

-- case: reported once per migration
-- expect: ZDM143
-- config: assumeRunner=false
ALTER TABLE users ADD COLUMN note text;
ALTER TABLE users ADD COLUMN note2 text;

-- case: lock timeout set first
-- expect: none
-- config: assumeRunner=false
SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN note text;

-- case: set local lock timeout
-- expect: none
-- config: assumeRunner=false
SET LOCAL lock_timeout TO '500ms';
ALTER TABLE users ADD COLUMN note text;

-- case: lock timeout zero does not count
-- expect: ZDM143
-- config: assumeRunner=false
SET lock_timeout = 0;
ALTER TABLE users ADD COLUMN note text;

-- case: with the runner the rule is silent
-- expect: none
ALTER TABLE users ADD COLUMN note text;

-- case: weak locks need no timeout
-- expect: none
-- config: assumeRunner=false
ALTER TABLE users VALIDATE CONSTRAINT c;
INSERT INTO users (id) VALUES (1);

-- case: new table needs no timeout
-- expect: none
-- config: assumeRunner=false
CREATE TABLE t (id bigint PRIMARY KEY);
ALTER TABLE t ADD COLUMN note text;
