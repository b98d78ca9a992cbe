package io.panelx.api;

import io.panelx.admin.InvalidInput;
import io.panelx.bouquet.BouquetForm;
import io.panelx.bouquet.Bouquets;
import io.panelx.channel.Bouquet;
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
import java.util.Set;
import java.util.TreeSet;

/** Named bouquets: the channels, movies and series that the lines holding them may watch. */
@jakarta.enterprise.context.RequestScoped
@Path("/bouquets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BouquetsResource {

    public record BouquetView(
            long id,
            String name,
            int sortOrder,
            Set<Long> channels,
            Set<Long> movies,
            Set<Long> series) {
        static BouquetView of(Bouquet b) {
            return new BouquetView(
                    b.getId(),
                    b.getName(),
                    b.getSortOrder(),
                    new TreeSet<>(b.getChannels()),
                    new TreeSet<>(b.getMovies()),
                    new TreeSet<>(b.getSeries()));
        }
    }

    @Inject Bouquets bouquets;

    @GET
    public List<BouquetView> list() {
        return bouquets.list().stream().map(BouquetView::of).toList();
    }

    @GET
    @Path("{id}")
    public BouquetView get(@PathParam("id") long id) {
        return BouquetView.of(bouquets.get(id));
    }

    @POST
    public Response create(BouquetForm form, @Context UriInfo uri) {
        if (form == null) {
            throw new InvalidInput("a JSON body is required");
        }
        var b = bouquets.create(form);
        return Response.created(uri.getAbsolutePathBuilder().path(b.getId().toString()).build())
                .entity(BouquetView.of(b))
                .build();
    }

    @PUT
    @Path("{id}")
    public BouquetView update(@PathParam("id") long id, BouquetForm form) {
        return BouquetView.of(bouquets.update(id, form));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        bouquets.delete(id);
        return Response.noContent().build();
    }
}
