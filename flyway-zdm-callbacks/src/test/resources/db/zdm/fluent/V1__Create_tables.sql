CREATE TABLE users (id int NOT NULL, email text, email_verified boolean DEFAULT false, tenant int);
INSERT INTO users SELECT g, 'user' || g || '@example.com', true, g % 7 FROM generate_series(1, 5000) g;
CREATE TABLE orders (id int PRIMARY KEY, user_id int, amount int);
INSERT INTO orders SELECT g, (g % 5000) + 1, g % 90 + 1 FROM generate_series(1, 5000) g;
