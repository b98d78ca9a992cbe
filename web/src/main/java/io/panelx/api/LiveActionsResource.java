package io.panelx.api;

import io.panelx.delivery.OpenViewers;
import io.panelx.delivery.RunningChannels;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** The dashboard's buttons: kill a connection or a line's connections, run a channel. */
@RequestScoped
@Path("/live")
@Produces(MediaType.APPLICATION_JSON)
public class LiveActionsResource {

    @Inject RunningChannels channels;
    @Inject OpenViewers viewers;

    /** The player is disconnected; its record ends with KILLED_BY_ADMIN. */
    @DELETE
    @Path("connections/{id}")
    public Response kill(@PathParam("id") String connectionId) {
        if (!viewers.kill(connectionId)) {
            return ErrorBody.response(
                    Response.Status.NOT_FOUND, "no open connection with id " + connectionId);
        }
        return Response.noContent().build();
    }

    @DELETE
    @Path("lines/{id}/connections")
    public Map<String, Integer> killLine(@PathParam("id") long lineId) {
        return Map.of("killed", viewers.killLine(lineId));
    }

    @POST
    @Path("channels/{id}/start")
    public Response start(@PathParam("id") long channelId) {
        return run(() -> channels.start(channelId));
    }

    @POST
    @Path("channels/{id}/stop")
    public Response stop(@PathParam("id") long channelId) {
        return run(() -> channels.stop(channelId));
    }

    @POST
    @Path("channels/{id}/restart")
    public Response restart(@PathParam("id") long channelId) {
        return run(() -> channels.restart(channelId));
    }

    /** A channel the hub cannot start now is answered 409 (Conflict, by the ErrorMapper). */
    private static Response run(Runnable action) {
        action.run();
        return Response.accepted().build();
    }
}
