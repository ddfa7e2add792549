-- Fails on the row whose divisor is 0 until someone fixes that row; the next migrate continues.
-- zdm:batched key=id size=500
UPDATE public.items SET ratio = 100 / divisor, touched = touched + 1 WHERE ratio IS NULL;
