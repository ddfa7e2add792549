-- setup:
CREATE TABLE measurements (at date NOT NULL, v int) PARTITION BY RANGE (at);
CREATE TABLE measurements_2024 (at date NOT NULL, v int);
-- migration:
ALTER TABLE measurements ATTACH PARTITION measurements_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- fixed: V2__check.sql
ALTER TABLE measurements_2024 ADD CONSTRAINT measurements_2024_col_bound CHECK (at >= '2024-01-01' AND at < '2025-01-01') NOT VALID;
-- fixed: V3__validate.sql
ALTER TABLE measurements_2024 VALIDATE CONSTRAINT measurements_2024_col_bound;
-- fixed: V4__attach.sql
ALTER TABLE measurements ATTACH PARTITION measurements_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE measurements_2024 DROP CONSTRAINT measurements_2024_col_bound;
