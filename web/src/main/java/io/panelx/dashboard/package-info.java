/**
 * The live dashboard's server side: the admin-only WebSocket {@code /ws/live} that pushes viewer
 * and channel events as they happen plus a {@link io.panelx.stats.LiveStats} snapshot at a fixed
 * interval. The dashboard's buttons call the REST API ({@code io.panelx.api.LiveActionsResource}).
 * Nothing here keeps its own figures or touches the database.
 */
package io.panelx.dashboard;
