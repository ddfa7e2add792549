-- zdm:batched key=id size=1000
UPDATE public.items SET flag = (id % 2 = 0), touched = touched + 1 WHERE flag IS NULL;
