package io.panelx.api;

import io.panelx.login.CsrfToken;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/**
 * Refuses API changes that ride on the browser's session cookie without the session's CSRF token.
 *
 * <p>It runs before the API's authentication filter: an admin identity present at this point can
 * only come from the login session (a cookie the browser adds to any request), whereas a Basic
 * login happens after it, so scripts using Basic are not asked for a token.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class CsrfGuard implements ContainerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Context HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext ctx) {
        if (SAFE_METHODS.contains(ctx.getMethod())) {
            return;
        }
        if (request.getUserPrincipal() == null) {
            return; // not cookie-authenticated: Basic or anonymous, judged by AdminApiGuard
        }
        if (!CsrfToken.matches(request.getSession(false), ctx.getHeaderString(CsrfToken.HEADER))) {
            ctx.abortWith(
                    ErrorBody.response(
                            Response.Status.FORBIDDEN,
                            "missing or wrong " + CsrfToken.HEADER + " header; reload the page"));
        }
    }
}
