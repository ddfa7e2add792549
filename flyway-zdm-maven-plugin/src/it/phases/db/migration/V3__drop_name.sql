-- zdm:phase=contract
ALTER TABLE users DROP COLUMN name;
