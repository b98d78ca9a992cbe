-- The ledger closes and checkpoints a record by "WHERE id = ? AND ended_at IS NULL". When most
-- records are closed (a panel's history), H2's planner reads "ended_at IS NULL" as the selective
-- condition and took the index on ended_at alone: every UPDATE scanned all open records (2,000 open
-- viewers: 4 million rows per checkpoint). With id in that index, either index it takes is a lookup
-- of one row; scans of the open records still use it (io.panelx.ledger.LedgerPlanOnH2Test).
DROP INDEX connection_record_open;
CREATE INDEX connection_record_open ON connection_record (ended_at, id);
