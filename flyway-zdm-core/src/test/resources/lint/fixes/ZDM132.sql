-- setup:
CREATE TABLE sessions (id bigint PRIMARY KEY, token text);
INSERT INTO sessions SELECT g, 't' FROM generate_series(1, 20) g;
-- migration:
TRUNCATE sessions;
-- fixed: V2__delete.sql
-- zdm:batched key=id size=5000
DELETE FROM sessions;
