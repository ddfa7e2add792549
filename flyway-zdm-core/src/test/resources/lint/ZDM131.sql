-- case: update without where
-- expect: ZDM131:error
UPDATE users SET active = true;

-- case: delete without where
-- expect: ZDM131:error
DELETE FROM sessions;

-- case: update with a broad where is a warning
-- expect: ZDM131:warning
UPDATE users SET email = lower(email) WHERE email <> lower(email);

-- case: delete by date range is a warning
-- expect: ZDM131:warning
DELETE FROM events WHERE created_at < now() - interval '90 days';

-- case: the seed's subquery batch is still one big statement
-- expect: ZDM131:warning
UPDATE users SET status = 'active' WHERE id IN (SELECT id FROM users WHERE status IS NULL LIMIT 1000);

-- case: update from another table without where
-- expect: ZDM131:error
UPDATE orders o SET total = s.total FROM order_sums s;

-- case: with query update without where
-- expect: ZDM131:error
WITH x AS (SELECT 1) UPDATE users SET flag = false;

-- case: batched directive
-- expect: none
-- zdm:batched key=id size=5000
UPDATE users SET active = true WHERE active IS NULL;

-- case: update by primary key
-- expect: none
UPDATE users SET role = 'admin' WHERE id = 1;

-- case: update by foreign key column and extra condition
-- expect: none
UPDATE orders SET status = 'void' WHERE user_id = 7 AND status = 'open';

-- case: delete by key list
-- expect: none
DELETE FROM users WHERE id IN (1, 2, 3);

-- case: update a table created in the same migration
-- expect: none
CREATE TABLE t (id bigint, v int);
INSERT INTO t SELECT g, 0 FROM generate_series(1, 10) g;
UPDATE t SET v = 1;

-- case: insert select is not reported
-- expect: none
INSERT INTO archive SELECT * FROM orders WHERE created_at < '2020-01-01';

-- case: update through a CTE is reported (its fix moves the CTE into FROM)
-- expect: ZDM131
WITH stale AS (SELECT id FROM users WHERE seen_at < now() - interval '1 year')
UPDATE users SET active = false FROM stale WHERE users.id = stale.id;
