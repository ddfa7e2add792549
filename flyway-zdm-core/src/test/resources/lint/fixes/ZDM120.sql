-- setup:
CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text, active boolean, mood_note text);
INSERT INTO users (id, email) SELECT g, 'u' || g || '@x' FROM generate_series(1, 50) g;
-- migration:
ALTER TABLE users RENAME COLUMN email TO email_address;
-- fixed: V2__expand.sql
ALTER TABLE users ADD COLUMN email_address text;
-- fixed: V3__contract.sql
-- zdm:ignore ZDM122 contract step: the code reads email_address since the last release
ALTER TABLE users DROP COLUMN email;
