-- case: attach partition without a check
-- expect: ZDM135
ALTER TABLE measurements ATTACH PARTITION measurements_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

-- case: attach default partition
-- expect: ZDM135
ALTER TABLE measurements ATTACH PARTITION measurements_other DEFAULT;

-- case: attach with a validated check from an earlier migration
-- expect: none
ALTER TABLE measurements_2024 ADD CONSTRAINT m2024_bound CHECK (at >= '2024-01-01' AND at < '2025-01-01') NOT VALID;
-- file: V2__validate.sql
ALTER TABLE measurements_2024 VALIDATE CONSTRAINT m2024_bound;
-- file: V3__attach.sql
ALTER TABLE measurements ATTACH PARTITION measurements_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

-- case: attach a partition created in the same migration
-- expect: none
CREATE TABLE measurements_2025 (LIKE measurements INCLUDING DEFAULTS);
ALTER TABLE measurements ATTACH PARTITION measurements_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

-- case: create partition of is not attach
-- expect: none
CREATE TABLE measurements_2026 PARTITION OF measurements FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
