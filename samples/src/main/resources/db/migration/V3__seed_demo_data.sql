-- Demo data, so that the later steps have rows to work on.
INSERT INTO users (email, full_name)
SELECT 'user' || g || '@example.com', 'User ' || g
FROM generate_series(1, 1000) AS g;

INSERT INTO orders (user_id, status, total_cents)
SELECT 1 + (g % 1000), CASE WHEN g % 10 = 0 THEN 'shipped' ELSE 'new' END, (g * 37) % 10000
FROM generate_series(1, 5000) AS g;
