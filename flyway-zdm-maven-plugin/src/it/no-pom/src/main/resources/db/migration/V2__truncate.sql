TRUNCATE things;
