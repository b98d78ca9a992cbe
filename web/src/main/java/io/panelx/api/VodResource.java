package io.panelx.api;

import io.panelx.api.VodViews.BouquetView;
import io.panelx.api.VodViews.Category;
import io.panelx.api.VodViews.EpisodeView;
import io.panelx.api.VodViews.MovieView;
import io.panelx.api.VodViews.SeriesView;
import io.panelx.line.LineVodBouquet;
import io.panelx.vod.EpisodeForm;
import io.panelx.vod.LibraryScans;
import io.panelx.vod.LibraryScans.ScanStatus;
import io.panelx.vod.MovieForm;
import io.panelx.vod.SeriesForm;
import io.panelx.vod.VodCategoryForm;
import io.panelx.vod.VodKind;
import io.panelx.vod.VodLibrary;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * Movies, series, episodes, VOD categories, the library scan and lines' VOD bouquets, under {@code
 * /api/v1/vod}. Lists take {@code q} (title contains), {@code categoryId} and {@code limit}.
 */
@jakarta.enterprise.context.RequestScoped
@Path("/vod")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VodResource {

    @Inject VodLibrary library;
    @Inject LibraryScans scans;
    @Context UriInfo uri;

    // --- categories

    @GET
    @Path("categories")
    public List<Category> categories(@QueryParam("kind") VodKind kind) {
        return library.categories(kind).stream().map(Category::of).toList();
    }

    @POST
    @Path("categories")
    public Response createCategory(VodCategoryForm form) {
        var c = library.createCategory(form);
        return created(c.getId(), Category.of(c));
    }

    @PUT
    @Path("categories/{id}")
    public Category updateCategory(@PathParam("id") long id, VodCategoryForm form) {
        return Category.of(library.updateCategory(id, form));
    }

    @DELETE
    @Path("categories/{id}")
    public Response deleteCategory(@PathParam("id") long id) {
        library.deleteCategory(id);
        return Response.noContent().build();
    }

    // --- movies

    @GET
    @Path("movies")
    public List<MovieView> movies(
            @QueryParam("q") String q,
            @QueryParam("categoryId") Long categoryId,
            @QueryParam("limit") @DefaultValue("500") int limit) {
        return library.movies(q, categoryId, limit).stream().map(MovieView::of).toList();
    }

    @GET
    @Path("movies/{id}")
    public MovieView movie(@PathParam("id") long id) {
        return MovieView.of(library.getMovie(id));
    }

    @POST
    @Path("movies")
    public Response createMovie(MovieForm form) {
        var m = library.createMovie(form);
        return created(m.getId(), MovieView.of(m));
    }

    @PUT
    @Path("movies/{id}")
    public MovieView updateMovie(@PathParam("id") long id, MovieForm form) {
        return MovieView.of(library.updateMovie(id, form));
    }

    @DELETE
    @Path("movies/{id}")
    public Response deleteMovie(@PathParam("id") long id) {
        library.deleteMovie(id);
        return Response.noContent().build();
    }

    // --- series and episodes

    @GET
    @Path("series")
    public List<SeriesView> series(
            @QueryParam("q") String q,
            @QueryParam("categoryId") Long categoryId,
            @QueryParam("limit") @DefaultValue("500") int limit) {
        return library.series(q, categoryId, limit).stream().map(SeriesView::of).toList();
    }

    @GET
    @Path("series/{id}")
    public SeriesView oneSeries(@PathParam("id") long id) {
        return SeriesView.of(library.getSeries(id));
    }

    @POST
    @Path("series")
    public Response createSeries(SeriesForm form) {
        var s = library.createSeries(form);
        return created(s.getId(), SeriesView.of(s));
    }

    @PUT
    @Path("series/{id}")
    public SeriesView updateSeries(@PathParam("id") long id, SeriesForm form) {
        return SeriesView.of(library.updateSeries(id, form));
    }

    @DELETE
    @Path("series/{id}")
    public Response deleteSeries(@PathParam("id") long id) {
        library.deleteSeries(id);
        return Response.noContent().build();
    }

    @GET
    @Path("series/{id}/episodes")
    public List<EpisodeView> episodes(@PathParam("id") long id) {
        return library.episodes(id).stream().map(EpisodeView::of).toList();
    }

    @POST
    @Path("series/{id}/episodes")
    public Response createEpisode(@PathParam("id") long id, EpisodeForm form) {
        var e = library.createEpisode(id, form);
        return Response.created(uri.getBaseUriBuilder().path("vod/episodes/" + e.getId()).build())
                .entity(EpisodeView.of(e))
                .build();
    }

    @GET
    @Path("episodes/{id}")
    public EpisodeView episode(@PathParam("id") long id) {
        return EpisodeView.of(library.getEpisode(id));
    }

    @PUT
    @Path("episodes/{id}")
    public EpisodeView updateEpisode(@PathParam("id") long id, EpisodeForm form) {
        return EpisodeView.of(library.updateEpisode(id, form));
    }

    @DELETE
    @Path("episodes/{id}")
    public Response deleteEpisode(@PathParam("id") long id) {
        library.deleteEpisode(id);
        return Response.noContent().build();
    }

    // --- the library scan

    /** Starts a scan (202), or shows the one running. */
    @POST
    @Path("scan")
    @Consumes(MediaType.WILDCARD)
    public Response scan() {
        return Response.accepted(scans.start()).build();
    }

    /** The running scan's progress, or the last one's outcome (204 when none ran yet). */
    @GET
    @Path("scan")
    public Response scanStatus() {
        ScanStatus s = scans.status();
        return s == null ? Response.noContent().build() : Response.ok(s).build();
    }

    // --- lines' VOD bouquets

    @GET
    @Path("bouquets/{lineId}")
    public BouquetView bouquet(@PathParam("lineId") long lineId) {
        return BouquetView.of(library.line(lineId));
    }

    @PUT
    @Path("bouquets/{lineId}")
    public BouquetView setBouquet(@PathParam("lineId") long lineId, LineVodBouquet form) {
        return BouquetView.of(library.setLineBouquet(lineId, form));
    }

    private Response created(long id, Object entity) {
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(id)).build())
                .entity(entity)
                .build();
    }
}
