package io.panelx.admin.api;

import jakarta.annotation.Priority;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Admits only admins to the API: a browser session from the FORM login, or HTTP Basic checked
 * against the same Elytron domain. Others get a JSON 401/403, not a redirect to the login page.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class AdminApiGuard implements ContainerRequestFilter, ContainerResponseFilter {

    /** Marks a request authenticated by Basic, whose login must not outlive it. */
    private static final String BASIC_LOGIN = AdminApiGuard.class.getName() + ".basic";

    static final String ROLE = "admin";

    @Context HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext ctx) {
        if (request.isUserInRole(ROLE)) {
            return;
        }
        String header = ctx.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            if ("PanelX".equals(ctx.getHeaderString("X-Requested-With"))) {
                // The admin pages' own calls after the session expired: no Basic challenge, so
                // the browser shows no login dialog (the page sends the admin to the login form).
                ctx.abortWith(ErrorBody.response(Response.Status.UNAUTHORIZED, "session expired"));
            } else {
                ctx.abortWith(unauthorized("authentication required"));
            }
            return;
        }
        String decoded;
        try {
            decoded =
                    new String(
                            Base64.getDecoder().decode(header.substring(6).trim()),
                            StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            ctx.abortWith(unauthorized("malformed Basic credentials"));
            return;
        }
        int colon = decoded.indexOf(':');
        if (colon < 1) {
            ctx.abortWith(unauthorized("malformed Basic credentials"));
            return;
        }
        try {
            request.login(decoded.substring(0, colon), decoded.substring(colon + 1));
            request.setAttribute(BASIC_LOGIN, Boolean.TRUE);
        } catch (ServletException e) {
            ctx.abortWith(unauthorized("wrong username or password"));
            return;
        }
        if (!request.isUserInRole(ROLE)) {
            ctx.abortWith(ErrorBody.response(Response.Status.FORBIDDEN, "admin role required"));
        }
    }

    /**
     * Scripts send Basic on every call: drop the session the login opened instead of keeping it.
     */
    @Override
    public void filter(ContainerRequestContext req, ContainerResponseContext res) {
        if (request.getAttribute(BASIC_LOGIN) != null) {
            try {
                request.logout();
            } catch (ServletException e) {
                // the response is already decided; an unclosed login only ends with its session
            }
            var session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            res.getHeaders().remove("Set-Cookie");
        }
    }

    private static Response unauthorized(String message) {
        Response r = ErrorBody.response(Response.Status.UNAUTHORIZED, message);
        return Response.fromResponse(r)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"PanelX\", charset=\"UTF-8\"")
                .build();
    }
}
