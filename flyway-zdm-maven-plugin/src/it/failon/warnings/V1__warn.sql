CREATE TABLE t (id serial PRIMARY KEY);
DROP INDEX orders_old;
