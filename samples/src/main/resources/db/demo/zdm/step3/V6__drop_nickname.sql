-- zdm:phase=contract
-- Only shop-v1 read nickname. Held back by migrate until drain evidence shows shop-v1 is gone; zdm:contract runs it.
ALTER TABLE users DROP COLUMN nickname;
