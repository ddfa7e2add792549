-- case: misspelt batched directive
-- expect: ZDM144 ZDM131
-- zdm:bached key=id
UPDATE users SET verified = false WHERE verified IS NULL;

-- case: blank line between batched and its update
-- expect: ZDM144 ZDM104
INSERT INTO audit VALUES (1);
-- zdm:batched key=id

UPDATE users SET verified = false WHERE verified IS NULL;

-- case: blank line between batched and the first statement
-- expect: ZDM144 ZDM131
-- zdm:batched key=id

UPDATE users SET verified = false WHERE verified IS NULL;

-- case: size zero
-- expect: ZDM144
-- zdm:batched key=id size=0
UPDATE users SET verified = false WHERE verified IS NULL;

-- case: misspelt option keeps its did-you-mean
-- expect: ZDM144
-- zdm:batched key=id sise=500
UPDATE users SET verified = false WHERE verified IS NULL;

-- case: batched on an insert
-- expect: ZDM144
-- zdm:batched
INSERT INTO users_archive SELECT * FROM users;

-- case: batched update assigning its own key column
-- expect: ZDM144
-- zdm:batched key=id
UPDATE users SET id = id + 1000 WHERE id < 1000;

-- case: directive after the last statement
-- expect: ZDM144
UPDATE users SET verified = false WHERE id = 1;
-- zdm:batched key=id

-- case: plain written above a later statement
-- expect: ZDM144
CREATE TABLE t (id int);
-- zdm:plain manages its own transactions
INSERT INTO t VALUES (1);

-- case: unknown name without a close match
-- expect: ZDM144
-- zdm:frobnicate
SELECT 1;

-- case: well-formed batched with comments in between
-- expect: none
-- zdm:batched key=id size=5000 pause=50ms
-- fill the new column for old rows
UPDATE users SET verified = false WHERE verified IS NULL;

-- case: plain before the first statement
-- expect: none
-- zdm:plain it commits between its steps

INSERT INTO audit VALUES (1);

-- case: plain directly above the first statement
-- expect: none
-- zdm:plain it commits between its steps
INSERT INTO audit VALUES (1);

-- case: ignore and ignore-file are known
-- expect: none
-- zdm:ignore-file ZDM101 tiny tables
CREATE INDEX a_x ON a (x);
-- zdm:ignore ZDM101 reviewed
CREATE INDEX b_x ON b (x);

-- case: batched written after its statement
-- expect: ZDM144 ZDM104
UPDATE users SET verified = false WHERE verified IS NULL; -- zdm:batched key=id
SELECT 1;

-- case: batched update from whose set cannot make its where false
-- expect: ZDM144:warning
-- zdm:batched key=id
UPDATE orders o SET customer_name = c.name FROM customers c WHERE c.id = o.customer_id;

-- case: batched update from with the guard
-- expect: none
-- zdm:batched key=id
UPDATE orders o SET customer_name = c.name FROM customers c
WHERE c.id = o.customer_id AND o.customer_name IS DISTINCT FROM c.name;

-- case: batched update from without the final count
-- expect: none
-- zdm:batched key=id verify=false
UPDATE orders o SET customer_name = c.name FROM customers c WHERE c.id = o.customer_id;

-- case: misspelt phase value gets a did-you-mean
-- expect: ZDM144 ZDM122
-- zdm:phase=contrct

ALTER TABLE users DROP COLUMN legacy;

-- case: phase without a value
-- expect: ZDM144
-- zdm:phase

ALTER TABLE users ADD COLUMN nickname text;

-- case: phase in the middle of a migration
-- expect: ZDM144
ALTER TABLE users ADD COLUMN nickname text;
-- zdm:phase=expand
ALTER TABLE users ADD COLUMN nickname2 text;

-- case: two different phases
-- expect: ZDM144
-- zdm:phase=expand
-- zdm:phase=contract

ALTER TABLE users ADD COLUMN nickname text;

-- case: a declared phase is a known directive
-- expect: none
-- zdm:phase=expand

ALTER TABLE users ADD COLUMN nickname text;
