-- setup:
-- migration:
CREATE TABLE t (id serial PRIMARY KEY, name text);
-- fixed: V2__table.sql
CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text);
