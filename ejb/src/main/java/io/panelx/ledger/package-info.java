/**
 * The connection history: ConnectionLedger collects viewer events in memory, LedgerWriter writes
 * them in one batched transaction a second and closes records a crash left open.
 */
package io.panelx.ledger;
