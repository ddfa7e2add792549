-- zdm:require-backfill V2__count_every_row.sql

CREATE TABLE counted (id bigint PRIMARY KEY);
