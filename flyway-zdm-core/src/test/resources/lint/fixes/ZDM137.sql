-- setup:
CREATE TABLE events (id bigint PRIMARY KEY, day date);
CREATE MATERIALIZED VIEW daily_stats AS SELECT day, count(*) AS n FROM events GROUP BY day;
CREATE UNIQUE INDEX daily_stats_day ON daily_stats (day);
-- migration:
REFRESH MATERIALIZED VIEW daily_stats;
-- fixed: V2__refresh.sql
REFRESH MATERIALIZED VIEW CONCURRENTLY daily_stats;
