VACUUM public.accounts;
ALTER TABLE public.accounts ADD COLUMN closed_at timestamptz;
