-- Touches orders: zdm:watch focuses on the sessions waiting for, and holding, locks on it.
ALTER TABLE orders ADD COLUMN note text;
