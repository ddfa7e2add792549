DROP INDEX CONCURRENTLY public.events_kind_idx;
