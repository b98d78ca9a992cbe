/**
 * Totals over the connection history for the admin pages: bytes sent and hours watched per line and
 * per channel, over the same filters as {@code /api/v1/connections}.
 */
package io.panelx.history;
