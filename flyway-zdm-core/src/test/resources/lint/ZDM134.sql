-- case: two tables altered in one migration
-- expect: ZDM134
ALTER TABLE users ADD COLUMN a text;
ALTER TABLE orders ADD COLUMN b text;

-- case: drop column on one table and rename on another
-- expect: ZDM120 ZDM122 ZDM134
ALTER TABLE users DROP COLUMN legacy;
ALTER TABLE orders RENAME COLUMN total TO amount;

-- case: same table twice
-- expect: none
ALTER TABLE users ADD COLUMN a text;
ALTER TABLE users ADD COLUMN b text;

-- case: one existing table and one new
-- expect: none
CREATE TABLE t (id int);
ALTER TABLE t ADD COLUMN a text;
ALTER TABLE users ADD COLUMN a text;

-- case: weaker locks on other tables
-- expect: none
ALTER TABLE users ADD COLUMN a text;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;

-- case: non-transactional migration holds nothing
-- expect: ZDM134
-- config: executeInTransaction.V1__case.sql=true
ALTER TABLE a ADD COLUMN x int;
ALTER TABLE b ADD COLUMN x int;

-- case: explicit non-transactional script
-- expect: none
-- config: executeInTransaction.V1__case.sql=false
ALTER TABLE a ADD COLUMN x int;
ALTER TABLE b ADD COLUMN x int;

-- case: a renamed table is one table under both names
-- expect: ZDM121
ALTER TABLE people RENAME TO persons;
ALTER TABLE persons ADD COLUMN nickname text;
