LOCK TABLE public.accounts IN ACCESS EXCLUSIVE MODE;
SELECT pg_sleep(0.3);
LOCK TABLE public.ledger IN ACCESS EXCLUSIVE MODE;
ALTER TABLE public.ledger ADD COLUMN checked boolean;
