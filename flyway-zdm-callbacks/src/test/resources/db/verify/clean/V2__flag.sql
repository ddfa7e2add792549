CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_balance ON accounts (balance);

-- zdm:verify SELECT NOT EXISTS (SELECT 1 FROM accounts WHERE flag IS NULL)
-- zdm:batched key=id size=500
UPDATE accounts SET flag = balance % 2 = 0 WHERE flag IS NULL;
