CREATE TABLE public.slow_marker (id int);
SELECT pg_sleep(3);
