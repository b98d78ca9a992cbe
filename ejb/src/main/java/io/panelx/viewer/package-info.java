/**
 * What every delivery path shares about a viewer: the events (immutable records, named in the past
 * tense, fired only by io.panelx.delivery.ViewerSession: ViewerConnected once, ViewerDisconnected
 * exactly once) and the read-only view of open connections ({@link
 * io.panelx.viewer.OpenConnections}) from which the dashboard, JMX, Prometheus and the ledger's
 * checkpoints take bytes and rates. Traffic is read, not pushed: no event per viewer per second.
 */
package io.panelx.viewer;
