package io.panelx.api;

import io.panelx.login.CsrfToken;
import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** Who is signed in, and the CSRF token the pages send with every change. Admins only. */
@RequestScoped
@Path("/session")
@Produces(MediaType.APPLICATION_JSON)
public class AdminSessionResource {

    public record AdminSession(String user, String csrfHeader, String csrfToken) {}

    @Context HttpServletRequest request;
    @Context SecurityContext security;

    @GET
    public Response current() {
        var session =
                new AdminSession(
                        security.getUserPrincipal().getName(),
                        CsrfToken.HEADER,
                        CsrfToken.of(request.getSession(true)));
        var noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(session).cacheControl(noStore).build();
    }
}
