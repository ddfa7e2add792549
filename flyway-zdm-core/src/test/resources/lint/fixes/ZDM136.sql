-- setup:
CREATE TABLE measurements (at date NOT NULL, v int) PARTITION BY RANGE (at);
CREATE TABLE measurements_2020 PARTITION OF measurements FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
-- migration:
ALTER TABLE measurements DETACH PARTITION measurements_2020;
-- fixed: V2__detach.sql
ALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY;
