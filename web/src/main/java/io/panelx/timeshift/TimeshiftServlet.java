package io.panelx.timeshift;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * XC's catch-up URLs: {@code /timeshift/U/P/MINUTES/START/ID.ts|.m3u8}, {@code
 * /timeshifts/U/P/MINUTES/ID/START.ts}, and {@code /streaming/timeshift.php} (also at the root).
 */
@WebServlet(
        urlPatterns = {
            "/timeshift/*",
            "/timeshifts/*",
            "/streaming/timeshift.php",
            "/timeshift.php"
        },
        asyncSupported = true)
public class TimeshiftServlet extends HttpServlet {

    @Inject TimeshiftRoute route;

    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        doGet(req, resp); // the route answers HEAD with headers only
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String servletPath = req.getServletPath();
        TimeshiftRequest tr =
                switch (servletPath) {
                    case "/timeshift" -> TimeshiftRequest.parsePath(req.getPathInfo());
                    case "/timeshifts" -> TimeshiftRequest.parseAlternatePath(req.getPathInfo());
                    default ->
                            TimeshiftRequest.parseQuery(
                                    req.getParameter("username"),
                                    req.getParameter("password"),
                                    req.getParameter("stream"),
                                    req.getParameter("start"),
                                    req.getParameter("duration"),
                                    req.getParameter("extension"));
                };
        route.serve(tr, req, resp);
    }
}
