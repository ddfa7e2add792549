CREATE INDEX CONCURRENTLY parts_a_idx ON public.parts (a);
CREATE INDEX CONCURRENTLY parts_b_idx ON public.parts (b);
CREATE INDEX CONCURRENTLY parts_c_idx ON public.parts (c);
