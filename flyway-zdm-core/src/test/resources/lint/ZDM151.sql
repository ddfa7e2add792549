-- case: drop column in a migration declared expand
-- expect: ZDM151:error ZDM122:error
-- zdm:phase=expand

ALTER TABLE users DROP COLUMN legacy;

-- case: drop column in a migration declared migrate, directive directly above the first statement
-- expect: ZDM151:error ZDM122:error
-- zdm:phase=migrate
ALTER TABLE users DROP COLUMN legacy;

-- case: every breaking rule counts: rename, drop table, drop not null
-- expect: ZDM151:error ZDM120:error ZDM123:error ZDM134:warning ZDM150:warning
-- zdm:phase=expand

ALTER TABLE users RENAME COLUMN email TO mail;
DROP TABLE old_audit;
ALTER TABLE users ALTER COLUMN name DROP NOT NULL;

-- case: ignoring the breaking rule does not silence the phase error
-- expect: ZDM151:error
-- zdm:phase=expand

-- zdm:ignore ZDM122 contract step: nobody reads legacy
ALTER TABLE users DROP COLUMN legacy;

-- case: the phase error is silenced by its own id only
-- expect: ZDM122
-- zdm:phase=expand

-- zdm:ignore ZDM151 legacy was never read by any release
ALTER TABLE users DROP COLUMN legacy;

-- case: additive statements in an expand migration are fine
-- expect: none
-- zdm:phase=expand

ALTER TABLE users ADD COLUMN nickname text;
CREATE TABLE audit2 (id bigint PRIMARY KEY);

-- case: drop column in a migration declared contract is expected, reported as info
-- expect: ZDM122:info
-- zdm:phase=contract

ALTER TABLE users DROP COLUMN legacy;

-- case: contract plays down only breaking findings, not lock findings
-- expect: ZDM122:info ZDM114:error
-- zdm:phase=contract

ALTER TABLE users DROP COLUMN legacy;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;

-- case: an undeclared migration keeps today's finding
-- expect: ZDM122:error
ALTER TABLE users DROP COLUMN legacy;

-- case: phases=strict treats an undeclared migration with a breaking statement as contract
-- expect: ZDM122:info
-- config: phases=strict
ALTER TABLE users DROP COLUMN legacy;

-- case: phases=strict keeps a declared expand an expand
-- expect: ZDM151:error ZDM122:error
-- config: phases=strict
-- zdm:phase=expand

ALTER TABLE users DROP COLUMN legacy;

-- case: a drop of a table created in the same expand is not breaking
-- expect: none
-- zdm:phase=expand

CREATE TABLE scratch (id int, b int);
ALTER TABLE scratch DROP COLUMN b;

-- case: the phase applies per migration file
-- expect: ZDM151:error ZDM122:error ZDM122:info
-- zdm:phase=expand

ALTER TABLE users DROP COLUMN legacy;
-- file: V2__contract.sql
-- zdm:phase=contract

ALTER TABLE users DROP COLUMN mood_note;
