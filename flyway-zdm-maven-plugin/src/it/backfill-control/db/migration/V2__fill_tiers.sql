-- two key ranges: [start, 10000) and [10000, end); the second fails on account 12345
-- zdm:batched key=id size=1000 background ranges=2
UPDATE accounts SET tier = score / 10 WHERE tier IS NULL;
