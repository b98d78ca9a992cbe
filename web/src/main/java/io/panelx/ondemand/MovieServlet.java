package io.panelx.ondemand;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code /movie/USER/PASS/ID.EXT}: a movie, with Range and HEAD. */
@WebServlet(urlPatterns = "/movie/*", asyncSupported = true)
public class MovieServlet extends HttpServlet {

    @Inject VodRoute route;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        route.serve(VodRoute.Kind.MOVIE, req, resp, false);
    }

    /** Players probe a movie with HEAD: the same checks and headers, no connection. */
    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        route.serve(VodRoute.Kind.MOVIE, req, resp, true);
    }
}
