-- zdm:batched key=id size=5000 background
UPDATE public.boot_bg SET n = n + 1;
