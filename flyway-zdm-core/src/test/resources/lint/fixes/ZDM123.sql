-- setup:
CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text, active boolean, mood_note text);
INSERT INTO users (id, email) SELECT g, 'u' || g || '@x' FROM generate_series(1, 50) g;
-- migration:
DROP TABLE users;
-- fixed: V2__contract.sql
-- zdm:ignore ZDM123 contract step: no code reads users since release 42
DROP TABLE users;
