-- Every insert and close of a connection record kept this index up to date, for two rare
-- statements: a node's startup closing its own open records, and a survivor closing a lost node's
-- (both "WHERE ended_at IS NULL AND node = ?"). They find the open records through
-- connection_record_open as well, and a connect storm's inserts are on the first byte's path.
DROP INDEX connection_record_node_open;
