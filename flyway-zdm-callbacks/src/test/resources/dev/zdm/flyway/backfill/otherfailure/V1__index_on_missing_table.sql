-- A non-transactional migration that fails and is not a backfill: its failed history row must stay.
CREATE INDEX CONCURRENTLY idx_missing ON missing_table (x);
