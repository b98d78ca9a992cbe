package io.panelx.api;

import io.panelx.admin.InvalidInput;
import io.panelx.channel.Category;
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
@Path("/categories")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CategoriesResource {

    public record CategoryForm(String name, Integer sortOrder) {}

    public record CategoryView(long id, String name, int sortOrder) {
        static CategoryView of(Category c) {
            return new CategoryView(c.getId(), c.getName(), c.getSortOrder());
        }
    }

    @Inject Channels channels;

    @GET
    public List<CategoryView> list() {
        return channels.categories().stream().map(CategoryView::of).toList();
    }

    @GET
    @Path("{id}")
    public CategoryView get(@PathParam("id") long id) {
        return CategoryView.of(channels.getCategory(id));
    }

    @POST
    public Response create(CategoryForm form, @Context UriInfo uri) {
        if (form == null) {
            throw new InvalidInput("a JSON body is required");
        }
        var c = channels.createCategory(form.name(), form.sortOrder());
        return Response.created(uri.getAbsolutePathBuilder().path(c.getId().toString()).build())
                .entity(CategoryView.of(c))
                .build();
    }

    @PUT
    @Path("{id}")
    public CategoryView update(@PathParam("id") long id, CategoryForm form) {
        if (form == null) {
            throw new InvalidInput("a JSON body is required");
        }
        return CategoryView.of(channels.updateCategory(id, form.name(), form.sortOrder()));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        channels.deleteCategory(id);
        return Response.noContent().build();
    }
}
