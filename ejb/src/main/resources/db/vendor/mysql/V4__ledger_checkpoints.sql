-- The ledger writes open connections' bytes at checkpoints; a record a crashed server left open is
-- closed at the time of its last checkpoint. Formats grow beyond "ts"/"m3u8" (movie, timeshift).
-- MariaDB/MySQL dialect of db/vendor/h2/V4__ledger_checkpoints.sql.
ALTER TABLE connection_record ADD COLUMN checkpointed_at DATETIME(6);
ALTER TABLE connection_record MODIFY COLUMN format VARCHAR(16) NOT NULL;
