/**
 * LiveStats: the live figures kept in memory from the events, read by the dashboard, JMX and
 * Prometheus alike.
 */
package io.panelx.stats;
