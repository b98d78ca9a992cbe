package io.panelx.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The first thing every request meets (mapped first in web.xml): a method the route does not serve
 * gets 405 with {@code Allow} and a one-line body (HttpServlet would answer an unknown method such
 * as PATCH or {@code get} with 501; TRACE, which would echo the request's cookies, is never
 * served), OPTIONS gets the {@code Allow} list, and a URL that is not a URI (square brackets in the
 * path: the JAX-RS runtime fails on them with a 500) gets 400.
 *
 * <p>{@code /api/v1} answers methods itself (JAX-RS: 405 with Allow, as JSON); HEAD on the stream
 * routes is the stream routes' own business.
 */
public class RequestShape extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(RequestShape.class.getName());

    private static final Set<String> API_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS");

    private static final Pattern BARE_STREAM = Pattern.compile("/[^/]+/[^/]+/[0-9]+(\\.ts)?");

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        if (!isUri(req.getRequestURI(), req.getQueryString())) {
            refuse(resp, path, 400, "malformed URL");
            return;
        }
        String method = req.getMethod();
        String allow = allowedMethods(path);
        if (allow == null && !API_METHODS.contains(method)) {
            allow = "GET, HEAD, POST, PUT, DELETE, OPTIONS"; // JAX-RS would take "get" for GET
        }
        if (allow != null && !allows(allow, method)) {
            resp.setHeader("Allow", allow);
            if ("OPTIONS".equals(method)) {
                resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
                return;
            }
            refuse(resp, path, 405, "method not allowed; use " + allow);
            return;
        }
        if (!formReadable(req)) {
            return; // the client hung up while sending its form: nobody is left to answer
        }
        chain.doFilter(req, resp);
    }

    /**
     * Reads a form body up front, so that a client aborting it is recognised here, once, rather
     * than failing whichever route reads a parameter first (with an ERROR in the log).
     */
    private static boolean formReadable(HttpServletRequest req) {
        String type = req.getContentType();
        if (!"POST".equals(req.getMethod())
                || type == null
                || !type.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33)) {
            return true;
        }
        try {
            req.getParameterMap();
            return true;
        } catch (RuntimeException e) {
            if (ClientAbort.caused(e)) {
                LOG.log(Level.FINE, "client went away while sending a form: {0}", e.getMessage());
                return false;
            }
            throw e;
        }
    }

    /** The methods a route serves; null where the route answers methods itself. */
    static String allowedMethods(String path) {
        if (path.startsWith("/api/")) {
            return null;
        }
        if (path.startsWith("/live/")
                || path.startsWith("/hls/")
                || BARE_STREAM.matcher(path).matches()) {
            return "GET, HEAD";
        }
        return switch (path) {
            case "/player_api.php", "/get.php" -> "GET, HEAD, POST";
            case "/logout" -> "GET, POST";
            case "/ws/live" -> "GET";
            case "/j_security_check" -> "POST";
            default -> "GET, HEAD"; // pages, assets, /metrics, /xmltv.php, and what is not there
        };
    }

    private static boolean allows(String allow, String method) {
        // exact and case-sensitive: "get" is not GET (RFC 9110 9.1)
        for (String m : allow.split(", ")) {
            if (m.equals(method)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the request target is a URI, as the JAX-RS runtime and the routes expect. */
    static boolean isUri(String requestUri, String query) {
        try {
            new URI("http://h" + requestUri + (query == null ? "" : "?" + query));
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void refuse(HttpServletResponse resp, String path, int status, String message)
            throws IOException {
        resp.setStatus(status);
        resp.setHeader("Cache-Control", "no-store");
        byte[] body;
        if (path.startsWith("/api/")) {
            resp.setContentType("application/json");
            body =
                    ("{\"status\":" + status + ",\"error\":\"" + message + "\"}")
                            .getBytes(StandardCharsets.UTF_8);
        } else {
            resp.setContentType("text/plain;charset=UTF-8");
            body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        }
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
