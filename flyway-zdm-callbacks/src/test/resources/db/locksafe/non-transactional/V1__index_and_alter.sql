CREATE INDEX CONCURRENTLY accounts_balance_idx ON public.accounts (balance);
ALTER TABLE public.accounts ADD COLUMN closed_at timestamptz;
