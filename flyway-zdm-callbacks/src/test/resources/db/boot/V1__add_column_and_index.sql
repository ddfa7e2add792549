ALTER TABLE public.boot_accounts ADD COLUMN note text;
