-- zdm:batched key=id size=500 pause=10ms background
UPDATE accounts SET n = n + 1;
