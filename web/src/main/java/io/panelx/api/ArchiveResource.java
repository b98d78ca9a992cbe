package io.panelx.api;

import io.panelx.archive.ArchiveStatus;
import io.panelx.archive.Archives;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The catch-up archive: disk use in total and per channel, each recorder's state (a failure with
 * its reason), gaps; the quota can be changed until the next restart and pruning run at once.
 */
@RequestScoped
@Path("/archive")
@Produces(MediaType.APPLICATION_JSON)
public class ArchiveResource {

    /** The archive in total: {@code maxBytes} is the quota in force. */
    public record Totals(long bytes, long maxBytes, List<ArchiveStatus> channels) {}

    /** {@code maxGb}: the quota in GB until the next restart; null: back to the setting. */
    public record Quota(Double maxGb) {}

    @Inject Archives archives;

    @GET
    public Totals totals() {
        List<ArchiveStatus> channels = archives.statuses();
        long bytes = channels.stream().mapToLong(ArchiveStatus::bytes).sum();
        return new Totals(bytes, archives.maxBytes(), channels);
    }

    @GET
    @Path("{channelId}")
    public ArchiveStatus channel(@PathParam("channelId") long channelId) {
        return archives.status(channelId);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response quota(Quota quota) {
        if (quota != null && quota.maxGb() != null && !(quota.maxGb() > 0)) {
            return ErrorBody.response(Response.Status.BAD_REQUEST, "maxGb must be positive");
        }
        archives.maxBytes(
                quota == null || quota.maxGb() == null
                        ? null
                        : (long) (quota.maxGb() * 1024 * 1024 * 1024));
        return Response.ok(totals()).build();
    }

    @POST
    @Path("prune")
    public Totals prune() {
        archives.prune();
        return totals();
    }
}
