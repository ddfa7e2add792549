-- setup:
-- migration:
DROP DATABASE legacy;
-- fixed: V2__nothing.sql
-- the database is dropped with infrastructure tooling
SELECT 1;
