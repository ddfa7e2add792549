-- residual: ZDM122 the drop is expected in the contract migration and reported there as info
-- setup:
CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text);
INSERT INTO users (id, email) SELECT g, 'u' || g || '@x' FROM generate_series(1, 50) g;
-- migration:
-- zdm:phase=expand

ALTER TABLE users ADD COLUMN nickname text;
ALTER TABLE users DROP COLUMN legacy;
-- fixed: V2__expand.sql
-- zdm:phase=expand

ALTER TABLE users ADD COLUMN nickname text;
-- fixed: V3__contract.sql
-- zdm:phase=contract

ALTER TABLE users DROP COLUMN legacy;
