package io.panelx.monitoring;

import io.panelx.stats.LiveStats;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/v1/live/snapshot}: the live snapshot as JSON, for scripts and for checking that
 * JMX and Prometheus show what the dashboard shows. Admins only, like the rest of /api/v1.
 */
@RequestScoped
@Path("/live")
@Produces(MediaType.APPLICATION_JSON)
public class LiveSnapshotResource {

    /** The totals with refusals keyed by reason name, so JSON needs no enum-keyed map. */
    public record TotalsView(
            int viewers,
            int proxyViewers,
            int ffmpegViewers,
            long bytesOut,
            long bitsPerSecondOut,
            long bytesIn,
            long bitsPerSecondIn,
            int runningChannels,
            int ffmpegProcesses,
            long proxyConnectionsTotal,
            long ffmpegConnectionsTotal,
            Map<String, Long> refused) {

        static TotalsView of(LiveStats.Totals t) {
            var refused = new TreeMap<String, Long>();
            t.refused().forEach((reason, n) -> refused.put(reason.name(), n));
            return new TotalsView(
                    t.viewers(),
                    t.proxyViewers(),
                    t.ffmpegViewers(),
                    t.bytesOut(),
                    t.bitsPerSecondOut(),
                    t.bytesIn(),
                    t.bitsPerSecondIn(),
                    t.runningChannels(),
                    t.ffmpegProcesses(),
                    t.proxyConnectionsTotal(),
                    t.ffmpegConnectionsTotal(),
                    refused);
        }
    }

    public record SnapshotView(
            Instant at,
            TotalsView totals,
            List<LiveStats.ChannelLive> channels,
            List<LiveStats.ConnectionLive> connections) {}

    @Inject LiveStats stats;

    @GET
    @Path("snapshot")
    public SnapshotView snapshot() {
        LiveStats.Snapshot s = stats.snapshot();
        return new SnapshotView(s.at(), TotalsView.of(s.totals()), s.channels(), s.connections());
    }
}
