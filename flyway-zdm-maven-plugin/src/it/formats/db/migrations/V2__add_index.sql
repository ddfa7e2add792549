-- login by e-mail
CREATE INDEX users_email ON users (email);
