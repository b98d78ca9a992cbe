package io.panelx.api;

import io.panelx.login.AdminLogin;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;

/**
 * Admits only admins to the API (the browser's login session or HTTP Basic, judged by {@link
 * AdminLogin}). Others get a JSON 401/403/429, not a redirect to the login page.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class AdminApiGuard implements ContainerRequestFilter {

    @Context HttpServletRequest request;

    @Inject AdminLogin login;

    @Override
    public void filter(ContainerRequestContext ctx) {
        var result = login.authenticate(request);
        switch (result.kind()) {
            case ADMIN -> {
                if (request.getUserPrincipal() == null) {
                    ctx.setSecurityContext(new BasicAdmin(result.username(), ctx));
                }
            }
            case NONE -> {
                if ("PanelX".equals(ctx.getHeaderString("X-Requested-With"))) {
                    // The admin pages' own calls after the session expired: no Basic challenge, so
                    // the browser shows no login dialog (the page sends the admin to the login
                    // form).
                    ctx.abortWith(
                            ErrorBody.response(Response.Status.UNAUTHORIZED, "session expired"));
                } else {
                    ctx.abortWith(unauthorized("authentication required"));
                }
            }
            case NOT_ADMIN ->
                    ctx.abortWith(
                            ErrorBody.response(Response.Status.FORBIDDEN, "admin role required"));
            case MALFORMED -> ctx.abortWith(unauthorized("malformed Basic credentials"));
            case WRONG -> ctx.abortWith(unauthorized("wrong username or password"));
            case THROTTLED ->
                    ctx.abortWith(
                            Response.fromResponse(
                                            ErrorBody.response(
                                                    Response.Status.TOO_MANY_REQUESTS,
                                                    "too many failed logins from your address; try"
                                                            + " again in "
                                                            + result.waitSeconds()
                                                            + " s"))
                                    .header(HttpHeaders.RETRY_AFTER, result.waitSeconds())
                                    .build());
        }
    }

    private static Response unauthorized(String message) {
        Response r = ErrorBody.response(Response.Status.UNAUTHORIZED, message);
        return Response.fromResponse(r)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"PanelX\", charset=\"UTF-8\"")
                .build();
    }

    /** The identity of a Basic call, which opens no servlet login (and no session). */
    private record BasicAdmin(String name, boolean secure) implements SecurityContext {
        BasicAdmin(String name, ContainerRequestContext ctx) {
            this(name, ctx.getSecurityContext().isSecure());
        }

        @Override
        public Principal getUserPrincipal() {
            return () -> name;
        }

        @Override
        public boolean isUserInRole(String role) {
            return AdminLogin.ROLE.equals(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return BASIC_AUTH;
        }
    }
}
