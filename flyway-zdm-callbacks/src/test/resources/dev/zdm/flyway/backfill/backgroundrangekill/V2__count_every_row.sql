-- three key ranges: three runners walk the plain table at once
-- zdm:batched key=id size=500 pause=10ms background ranges=3
UPDATE accounts SET n = n + 1;
