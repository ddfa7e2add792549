-- Slow on purpose (an expression evaluated per row), so that the test can interrupt it half-way.
CREATE INDEX CONCURRENTLY big_payload_idx ON public.big ((md5(md5(md5(payload)))));
