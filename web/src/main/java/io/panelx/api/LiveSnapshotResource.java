package io.panelx.api;

import io.panelx.stats.LiveStats;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/v1/live/snapshot}: the live snapshot as JSON (on a cluster node, the whole
 * cluster's, with a row per node in {@code nodes} and each connection's and channel's {@code
 * node}), for scripts and for checking that JMX and Prometheus show what the dashboard shows.
 * Admins only, like the rest of /api/v1.
 */
@RequestScoped
@Path("/live/snapshot")
@Produces(MediaType.APPLICATION_JSON)
public class LiveSnapshotResource {

    @Inject LiveStats stats;

    @GET
    public LiveStats.Snapshot snapshot() {
        return stats.clusterSnapshot();
    }
}
