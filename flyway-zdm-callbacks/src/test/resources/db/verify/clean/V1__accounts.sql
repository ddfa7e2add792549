CREATE TABLE accounts (id bigint PRIMARY KEY, balance int NOT NULL, flag boolean);
INSERT INTO accounts SELECT g, g, NULL FROM generate_series(1, 1200) g;
ALTER TABLE accounts ADD CONSTRAINT accounts_balance_positive CHECK (balance > 0) NOT VALID;
-- zdm:verify SELECT count(*) = 1200 FROM accounts WHERE balance > 0
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_balance_positive;
