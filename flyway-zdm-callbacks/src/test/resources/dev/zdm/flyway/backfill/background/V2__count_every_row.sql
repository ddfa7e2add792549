-- zdm:batched key=id size=1000 background
UPDATE accounts SET n = n + 1;
