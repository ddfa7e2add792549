-- zdm:phase=contract

ALTER TABLE users DROP COLUMN email;
