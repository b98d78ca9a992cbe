package io.panelx.live;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The bare stream form {@code /USER/PASS/ID} that many players use: three path segments ending in a
 * number, under no other route of the panel.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class BareStreamFilter extends HttpFilter {

    private static final Pattern BARE = Pattern.compile("^/[^/]+/[^/]+/[0-9]+(\\.ts)?$");

    /** The panel's own routes, which the bare form never shadows (StreamDoor asks it too). */
    static final Pattern RESERVED =
            Pattern.compile("^/(live|hls|api|admin|ws|webjars|movie|series|assets|internal)/.*");

    @Inject LiveRoute route;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        if (("GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod()))
                && BARE.matcher(path).matches()
                && !RESERVED.matcher(path).matches()) {
            String decoded =
                    req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
            route.serve(decoded, req, resp);
            return;
        }
        chain.doFilter(req, resp);
    }
}
