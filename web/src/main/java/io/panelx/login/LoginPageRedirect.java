package io.panelx.login;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * FORM authentication shows the login page in place of the protected URL (a forward, status 200).
 * This turns that into a redirect, so the browser's address says where the admin is, and refuses a
 * WebSocket handshake with 401 instead of answering it with a page. The original URL stays saved by
 * the login mechanism, which returns there after sign-in.
 */
@WebFilter(urlPatterns = "/login.html", dispatcherTypes = DispatcherType.FORWARD)
public class LoginPageRedirect extends HttpFilter {

    @Override
    protected void doFilter(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Cache-Control", "no-store");
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        // The failed-login page is a forward too: keep its "?error=1".
        String query = request.getQueryString();
        response.sendRedirect(
                request.getContextPath() + "/login.html" + (query == null ? "" : "?" + query));
    }
}
