package io.panelx.live;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code /live/USER/PASS/ID.ts} and {@code .m3u8}. */
@WebServlet(urlPatterns = "/live/*", asyncSupported = true)
public class LiveServlet extends HttpServlet {

    @Inject LiveRoute route;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        route.serve(req.getPathInfo(), req, resp);
    }

    /** Players probe streams with HEAD: the same checks and headers, no viewer session. */
    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        route.serve(req.getPathInfo(), req, resp);
    }
}
