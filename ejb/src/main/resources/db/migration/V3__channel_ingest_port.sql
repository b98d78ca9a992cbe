-- RTMP push ingest: a channel with a push: source holds one port of panelx.rtmp-ingest-ports,
-- never the port of another channel. NULL (no push source) may repeat.
ALTER TABLE channel ADD COLUMN ingest_port INT;
ALTER TABLE channel ADD CONSTRAINT channel_ingest_port_unique UNIQUE (ingest_port);

-- One row, locked (SELECT ... FOR UPDATE) while a port is chosen, so that concurrent saves choose
-- one after the other. Channels saved before this version get their port at the next start.
CREATE TABLE ingest_port_lock (
    id INT PRIMARY KEY
);
INSERT INTO ingest_port_lock (id) VALUES (1);
