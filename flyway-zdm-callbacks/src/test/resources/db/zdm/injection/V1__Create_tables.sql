CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL, note text);
CREATE TABLE victim (id int PRIMARY KEY);
INSERT INTO accounts VALUES (1, 10, 'a;b'), (2, 20, '-- not a comment');
INSERT INTO victim VALUES (1);
