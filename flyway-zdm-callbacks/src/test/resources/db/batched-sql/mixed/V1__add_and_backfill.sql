ALTER TABLE public.items ADD COLUMN note text;

-- zdm:batched key=id size=1000
UPDATE public.items SET note = 'n' || id WHERE note IS NULL;
