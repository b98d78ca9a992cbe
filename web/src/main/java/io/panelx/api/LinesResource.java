package io.panelx.api;

import io.panelx.line.LineForm;
import io.panelx.line.Lines;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

@jakarta.enterprise.context.RequestScoped
@Path("/lines")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LinesResource {

    @Inject Lines lines;

    @GET
    public List<LineView> list() {
        return lines.list().stream().map(LineView::of).toList();
    }

    @GET
    @Path("{id}")
    public LineView get(@PathParam("id") long id) {
        return LineView.of(lines.get(id));
    }

    @POST
    public Response create(LineForm form, @jakarta.ws.rs.core.Context UriInfo uri) {
        var line = lines.create(form);
        return Response.created(uri.getAbsolutePathBuilder().path(line.getId().toString()).build())
                .entity(LineView.of(line))
                .build();
    }

    @PUT
    @Path("{id}")
    public LineView update(@PathParam("id") long id, LineForm form) {
        return LineView.of(lines.update(id, form));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        lines.delete(id);
        return Response.noContent().build();
    }
}
