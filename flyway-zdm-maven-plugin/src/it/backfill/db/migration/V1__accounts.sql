CREATE TABLE accounts (id bigint PRIMARY KEY, n int NOT NULL DEFAULT 0);
INSERT INTO accounts (id) SELECT generate_series(1, 30000);
