-- The ledger writes open connections' bytes at checkpoints; a record a crashed server left open is
-- closed at the time of its last checkpoint. Formats grow beyond "ts"/"m3u8" (movie, timeshift).
ALTER TABLE connection_record ADD COLUMN checkpointed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE connection_record ALTER COLUMN format SET DATA TYPE VARCHAR(16);
