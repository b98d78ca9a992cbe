-- Cluster: the node that serves a connection. A node's startup closes only its own records, and a
-- survivor closes a lost node's records (NODE_LOST). Records of a single server name it too.
ALTER TABLE connection_record ADD COLUMN node VARCHAR(64);
CREATE INDEX connection_record_node_open ON connection_record (node, ended_at);
