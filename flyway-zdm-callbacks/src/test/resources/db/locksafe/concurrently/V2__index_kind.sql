CREATE INDEX CONCURRENTLY events_kind_idx ON public.events (kind);
