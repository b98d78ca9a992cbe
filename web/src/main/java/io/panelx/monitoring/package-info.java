/**
 * Monitoring over HTTP: the Prometheus endpoint {@code /metrics}. It renders {@link
 * io.panelx.stats.LiveStats#snapshot()}, as the JSON view ({@code /api/v1/live/snapshot}, in {@code
 * io.panelx.api}) and the JMX MXBeans in the ejb module do, so every monitoring surface shows the
 * same figures.
 */
package io.panelx.monitoring;
