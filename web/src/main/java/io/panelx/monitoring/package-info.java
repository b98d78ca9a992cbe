/**
 * Monitoring over HTTP: the Prometheus endpoint {@code /metrics} and the JSON view of the live
 * snapshot ({@code /api/v1/live/snapshot}). Both render {@link
 * io.panelx.stats.LiveStats#snapshot()}, as the JMX MXBeans in the ejb module do, so every
 * monitoring surface shows the same figures.
 */
package io.panelx.monitoring;
