/**
 * The live dashboard's server side: the admin-only WebSocket {@code /ws/live} that pushes viewer
 * and channel events as they happen plus a {@link io.panelx.stats.LiveStats} snapshot at a fixed
 * interval, and the REST actions the dashboard's buttons call (kill a connection, start, stop or
 * restart a channel). Nothing here keeps its own figures or touches the database.
 */
package io.panelx.dashboard;
