-- Flyway 13.12 does not know REINDEX ... CONCURRENTLY must run outside a transaction
REINDEX INDEX CONCURRENTLY public.events_kind_idx;
