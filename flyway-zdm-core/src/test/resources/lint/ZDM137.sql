-- case: refresh without concurrently
-- expect: ZDM137
REFRESH MATERIALIZED VIEW daily_stats;

-- case: refresh schema-qualified view
-- expect: ZDM137
REFRESH MATERIALIZED VIEW app.daily_stats WITH DATA;

-- case: refresh concurrently
-- expect: none
REFRESH MATERIALIZED VIEW CONCURRENTLY daily_stats;

-- case: refresh with no data empties it on purpose
-- expect: none
REFRESH MATERIALIZED VIEW daily_stats WITH NO DATA;

-- case: refresh a view created in the same migration
-- expect: none
CREATE MATERIALIZED VIEW mv AS SELECT 1 AS id WITH NO DATA;
REFRESH MATERIALIZED VIEW mv;
