-- zdm:require-backfill V3__count_events.sql
COMMENT ON TABLE events IS 'every event counted';
