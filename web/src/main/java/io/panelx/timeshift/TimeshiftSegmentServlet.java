package io.panelx.timeshift;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code /timeshift-hls/TOKEN/ID/START[-OFFSET].ts}: the segments of a catch-up HLS playlist. */
@WebServlet(urlPatterns = "/timeshift-hls/*", asyncSupported = true)
public class TimeshiftSegmentServlet extends HttpServlet {

    @Inject TimeshiftRoute route;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        route.serveSegment(req.getPathInfo(), req, resp);
    }
}
