/**
 * The connection history. LedgerQueue queues viewer events without touching the database (a plain
 * CDI bean: its observers run on request threads); ConnectionLedger writes them by group commit
 * (inserts at admission, closes with exact bytes) plus a checkpoint of open connections' bytes
 * every {@code panelx.ledger-checkpoint-seconds}; LedgerStore holds the SQL (plain JDBC batches).
 * Records a crash left open are closed at startup with the bytes of their last checkpoint.
 * ConnectionHistory reads.
 */
package io.panelx.ledger;
