-- Expand: a nullable column, metadata-only.
ALTER TABLE orders ADD COLUMN total_eur numeric(12, 2);
