-- zdm:batched key=id size=500 background
UPDATE events SET n = n + 1;
