-- zdm:phase=contract

ALTER TABLE orders DROP COLUMN legacy;
