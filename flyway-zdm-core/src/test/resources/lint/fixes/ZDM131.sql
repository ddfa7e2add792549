-- setup:
CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text, active boolean, mood_note text);
INSERT INTO users (id, email) SELECT g, 'u' || g || '@x' FROM generate_series(1, 50) g;
-- migration:
WITH stale AS (SELECT id FROM users WHERE email LIKE 'u1%')
UPDATE users SET active = false FROM stale WHERE users.id = stale.id;
-- fixed: V2__backfill.sql
-- zdm:batched key=id size=5000
UPDATE users SET active = false FROM (SELECT id FROM users WHERE email LIKE 'u1%') AS stale WHERE users.id = stale.id AND users.active IS DISTINCT FROM (false);
