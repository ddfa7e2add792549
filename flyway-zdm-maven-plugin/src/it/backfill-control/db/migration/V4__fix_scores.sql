-- the data fix that lets V2's job finish
UPDATE accounts SET score = 99 WHERE score > 99;
