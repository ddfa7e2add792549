-- case: check without not valid
-- expect: ZDM116
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0);

-- case: unnamed check
-- expect: ZDM116
ALTER TABLE orders ADD CHECK (total >= 0);

-- case: check not valid
-- expect: none
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;

-- case: check on a new table
-- expect: none
CREATE TABLE t (n int);
ALTER TABLE t ADD CONSTRAINT t_n CHECK (n > 0);

-- case: validate in its own migration
-- expect: none
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;

-- case: inline check on add column scans the table
-- expect: ZDM116
ALTER TABLE users ADD COLUMN age int CHECK (age >= 0);

-- case: add column without check
-- expect: none
ALTER TABLE users ADD COLUMN age int;
