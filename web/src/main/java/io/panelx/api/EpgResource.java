package io.panelx.api;

import io.panelx.epg.EpgImport;
import io.panelx.epg.EpgImportResult;
import io.panelx.epg.EpgSourceFailed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * Triggers an EPG import now: {@code {"url": "https://..."}} as JSON, or the XMLTV document itself
 * (plain or gzip) as the body. Answers with what was imported once it is done.
 */
@RequestScoped
@Path("/epg")
@Produces(MediaType.APPLICATION_JSON)
public class EpgResource {

    /** What an admin sends to import from a URL. */
    public record ImportRequest(String url) {}

    @Inject EpgImport epgImport;

    @POST
    @Path("import")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response importUrl(ImportRequest request) {
        if (request == null || request.url() == null || request.url().isBlank()) {
            return ErrorBody.response(Response.Status.BAD_REQUEST, "url is required");
        }
        String url = request.url().trim();
        // Only remote guides by URL: reading server files is for the configured sources alone.
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            return ErrorBody.response(
                    Response.Status.BAD_REQUEST, "url must be http:// or https://");
        }
        try {
            return Response.ok(epgImport.importSource(url)).build();
        } catch (EpgSourceFailed e) {
            return ErrorBody.response(Response.Status.BAD_GATEWAY, e.getMessage());
        }
    }

    @POST
    @Path("import")
    @Consumes({
        MediaType.APPLICATION_XML,
        MediaType.TEXT_XML,
        "application/gzip",
        "application/x-gzip",
        MediaType.APPLICATION_OCTET_STREAM
    })
    public Response importUpload(InputStream body) {
        try {
            EpgImportResult result = epgImport.importStream("upload", body);
            return Response.ok(result).build();
        } catch (EpgSourceFailed e) {
            return ErrorBody.response(Response.Status.BAD_REQUEST, e.getMessage());
        }
    }
}
