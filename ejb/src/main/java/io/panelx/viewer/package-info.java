/**
 * The viewer events: immutable records, named in the past tense, fired only by
 * io.panelx.delivery.ViewerSession whatever the delivery path. The ledger, the dashboard push and
 * JMX observe them, each in its own bean.
 */
package io.panelx.viewer;
