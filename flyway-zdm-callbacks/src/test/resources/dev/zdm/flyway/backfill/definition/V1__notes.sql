CREATE TABLE notes (id int PRIMARY KEY, body text);
INSERT INTO notes (id) SELECT g FROM generate_series(1, 500) g;
