CREATE INDEX orders_email ON orders (email);
