-- setup:
CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text, active boolean, mood_note text);
INSERT INTO users (id, email) SELECT g, 'u' || g || '@x' FROM generate_series(1, 50) g;
-- migration:
ALTER TABLE users RENAME TO customers;
-- fixed: V2__rename.sql
-- zdm:ignore ZDM121 the view below keeps the old name working
ALTER TABLE users RENAME TO customers;
CREATE VIEW users AS SELECT * FROM customers;
