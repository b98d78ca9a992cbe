-- Catch-up: hours of rolling archive a channel keeps on disk (io.panelx.archive); 0 is off.
ALTER TABLE channel ADD COLUMN archive_hours INT DEFAULT 0 NOT NULL;
