package io.panelx.api;

import io.panelx.archive.Recording;
import io.panelx.archive.RecordingForm;
import io.panelx.archive.Recordings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Scheduled recordings: {@code POST} a channel and a window (or an EPG programme id), list them,
 * download a completed one as one MPEG-TS file ({@code GET /recordings/ID/file}), delete it.
 */
@RequestScoped
@jakarta.ws.rs.Path("/recordings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RecordingsResource {

    /**
     * A recording as the API shows it; {@code file} is its download path once COMPLETED, {@code
     * movieId} the VOD movie it became.
     */
    public record RecordingView(
            long id,
            long channelId,
            String channelName,
            String title,
            Long programmeId,
            Instant startsAt,
            Instant endsAt,
            Recording.Status status,
            long bytes,
            String detail,
            Instant createdAt,
            String file,
            Long movieId) {

        static RecordingView of(Recording r) {
            return new RecordingView(
                    r.getId(),
                    r.getChannelId(),
                    r.getChannelName(),
                    r.getTitle(),
                    r.getProgrammeId(),
                    r.getStartsAt(),
                    r.getEndsAt(),
                    r.getStatus(),
                    r.getBytes(),
                    r.getDetail(),
                    r.getCreatedAt(),
                    r.getStatus() == Recording.Status.COMPLETED
                            ? "/api/v1/recordings/" + r.getId() + "/file"
                            : null,
                    r.getMovieId());
        }
    }

    @Inject Recordings recordings;

    @GET
    public List<RecordingView> list() {
        return recordings.list().stream().map(RecordingView::of).toList();
    }

    @GET
    @jakarta.ws.rs.Path("{id}")
    public RecordingView get(@PathParam("id") long id) {
        return RecordingView.of(recordings.get(id));
    }

    @POST
    public Response schedule(RecordingForm form, @Context UriInfo uri) {
        Recording r = recordings.schedule(form);
        return Response.created(uri.getAbsolutePathBuilder().path(r.getId().toString()).build())
                .entity(RecordingView.of(r))
                .build();
    }

    @DELETE
    @jakarta.ws.rs.Path("{id}")
    public Response delete(@PathParam("id") long id) {
        recordings.delete(id);
        return Response.noContent().build();
    }

    @GET
    @jakarta.ws.rs.Path("{id}/file")
    @Produces("video/mp2t")
    public Response file(@PathParam("id") long id) throws IOException {
        Recording r = recordings.get(id);
        List<Path> files = recordings.files(id);
        if (r.getStatus() != Recording.Status.COMPLETED || files.isEmpty()) {
            return ErrorBody.response(Response.Status.CONFLICT, "recording is " + r.getStatus());
        }
        long length = 0;
        for (Path p : files) {
            length += Files.size(p);
        }
        StreamingOutput body =
                out -> {
                    for (Path p : files) {
                        Files.copy(p, out);
                    }
                };
        String name = r.getTitle().replaceAll("[^A-Za-z0-9._ -]", "_").trim() + ".ts";
        return Response.ok(body, "video/mp2t")
                .header("Content-Length", length)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .build();
    }
}
