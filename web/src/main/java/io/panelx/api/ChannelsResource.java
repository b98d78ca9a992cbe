package io.panelx.api;

import io.panelx.channel.Channel;
import io.panelx.channel.ChannelForm;
import io.panelx.channel.ChannelInfo;
import io.panelx.channel.Channels;
import io.panelx.http.PublicAddress;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

@jakarta.enterprise.context.RequestScoped
@Path("/channels")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChannelsResource {

    @Inject Channels channels;
    @Context HttpServletRequest request;

    @GET
    public List<ChannelView> list() {
        String host = host();
        return channels.list().stream().map(c -> ChannelView.of(ChannelInfo.of(c), host)).toList();
    }

    @GET
    @Path("{id}")
    public ChannelView get(@PathParam("id") long id) {
        return view(channels.get(id));
    }

    @POST
    public Response create(ChannelForm form, @Context UriInfo uri) {
        var channel = channels.create(form);
        return Response.created(
                        uri.getAbsolutePathBuilder().path(channel.getId().toString()).build())
                .entity(view(channel))
                .build();
    }

    @PUT
    @Path("{id}")
    public ChannelView update(@PathParam("id") long id, ChannelForm form) {
        return view(channels.update(id, form));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        channels.delete(id);
        return Response.noContent().build();
    }

    private ChannelView view(Channel channel) {
        return ChannelView.of(ChannelInfo.of(channel), host());
    }

    /** The host the admin reached the panel at: publishers reach the ingest there too. */
    private String host() {
        return PublicAddress.of(request).host();
    }
}
