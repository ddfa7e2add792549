ALTER TABLE public.bench_accounts ADD COLUMN note text;
