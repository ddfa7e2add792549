ALTER TABLE public.accounts ADD COLUMN note text;
