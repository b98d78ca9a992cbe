/**
 * JMX: the panel and each running channel as MXBeans in the platform MBeanServer (domain {@code
 * io.panelx}), which WildFly exposes over its management interface ({@code
 * service:jmx:remote+http://HOST:9990}). Every figure is read from {@link
 * io.panelx.stats.LiveStats#snapshot()} at the moment it is asked for, so JMX, the dashboard and
 * the Prometheus endpoint never disagree; the operations delegate to {@link
 * io.panelx.delivery.RunningChannels} and {@link io.panelx.delivery.OpenViewers}.
 */
package io.panelx.monitoring;
