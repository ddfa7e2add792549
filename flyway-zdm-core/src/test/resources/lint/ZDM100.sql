-- case: DO block is not analyzed
-- expect: ZDM100
DO $$ BEGIN EXECUTE 'ALTER TABLE users ADD COLUMN x int'; END $$;

-- case: CALL is not analyzed
-- expect: ZDM100
CALL archive_old_orders(30);

-- case: unknown statement is reported, not a crash
-- expect: ZDM100
SECURITY LABEL FOR selinux ON TABLE users IS 'system_u:object_r:sepgsql_table_t:s0';

-- case: explain is not analyzed
-- expect: ZDM100
EXPLAIN SELECT * FROM users;

-- case: known harmless statements are analyzed
-- expect: none
CREATE TABLE t (id bigint PRIMARY KEY);
INSERT INTO t VALUES (1);
SELECT * FROM t;

-- case: reviewed DO block can be silenced
-- expect: none
-- zdm:ignore ZDM100 only raises a notice
DO $$ BEGIN RAISE NOTICE 'hello'; END $$;
