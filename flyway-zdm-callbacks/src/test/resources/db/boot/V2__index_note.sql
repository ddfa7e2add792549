CREATE INDEX CONCURRENTLY boot_accounts_note_idx ON public.boot_accounts (note);
