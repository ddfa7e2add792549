-- a statement before the blocked one: it must be rolled back too
CREATE TABLE public.audit_trail (id bigint PRIMARY KEY);

ALTER TABLE public.accounts ADD COLUMN flag boolean;
