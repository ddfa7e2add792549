-- case: drop database
-- expect: ZDM140
DROP DATABASE legacy;

-- case: drop database if exists
-- expect: ZDM140
DROP DATABASE IF EXISTS "Legacy";

-- case: create database is not reported
-- expect: none
CREATE DATABASE reporting;
