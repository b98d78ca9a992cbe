-- As on H2 (see db/vendor/h2/V47): PostgreSQL's planner can take the index on ended_at for
-- "WHERE id = ? AND ended_at IS NULL" when its statistics show few open records; with id in that
-- index, either index it takes is a lookup of one row. MariaDB needs nothing: an InnoDB secondary
-- index already ends with the primary key.
DROP INDEX connection_record_open;
CREATE INDEX connection_record_open ON connection_record (ended_at, id);
