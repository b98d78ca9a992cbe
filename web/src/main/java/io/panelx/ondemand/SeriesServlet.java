package io.panelx.ondemand;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code /series/USER/PASS/EPISODE_ID.EXT}: an episode, with Range and HEAD. */
@WebServlet(urlPatterns = "/series/*", asyncSupported = true)
public class SeriesServlet extends HttpServlet {

    @Inject VodRoute route;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        route.serve(VodRoute.Kind.EPISODE, req, resp, false);
    }

    /** Players probe an episode with HEAD: the same checks and headers, no connection. */
    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        route.serve(VodRoute.Kind.EPISODE, req, resp, true);
    }
}
