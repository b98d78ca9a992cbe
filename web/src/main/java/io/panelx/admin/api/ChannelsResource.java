package io.panelx.admin.api;

import io.panelx.channel.ChannelForm;
import io.panelx.channel.ChannelInfo;
import io.panelx.channel.Channels;
import jakarta.inject.Inject;
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

    @GET
    public List<ChannelInfo> list() {
        return channels.list().stream().map(ChannelInfo::of).toList();
    }

    @GET
    @Path("{id}")
    public ChannelInfo get(@PathParam("id") long id) {
        return ChannelInfo.of(channels.get(id));
    }

    @POST
    public Response create(ChannelForm form, @Context UriInfo uri) {
        var channel = channels.create(form);
        return Response.created(
                        uri.getAbsolutePathBuilder().path(channel.getId().toString()).build())
                .entity(ChannelInfo.of(channel))
                .build();
    }

    @PUT
    @Path("{id}")
    public ChannelInfo update(@PathParam("id") long id, ChannelForm form) {
        return ChannelInfo.of(channels.update(id, form));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        channels.delete(id);
        return Response.noContent().build();
    }
}
