package io.panelx.ondemand;

import io.panelx.vod.VodCatalog;
import io.panelx.vod.VodCatalog.MovieEntry;
import io.panelx.vod.VodCatalog.SeriesEntry;
import io.panelx.vod.VodSource;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /vod-art/movie/ID.jpg} and {@code /vod-art/series/ID.jpg}: the poster or cover image the
 * library scan found next to a movie or in a series folder. Like XC's image URLs they need no
 * credentials (apps load them in image views); only the image of a known item is ever read.
 */
@WebServlet(urlPatterns = "/vod-art/*")
public class ArtServlet extends HttpServlet {

    private static final Pattern PATH = Pattern.compile("^/(movie|series)/([0-9]{1,18})\\.jpg$");

    @Inject VodCatalog catalog;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Matcher m = PATH.matcher(String.valueOf(req.getPathInfo()));
        if (!m.matches()) {
            plain(resp, 404, "no such image");
            return;
        }
        long id = Long.parseLong(m.group(2));
        String art = null;
        if (m.group(1).equals("movie")) {
            MovieEntry movie = catalog.snapshot().movieById().get(id);
            art = movie == null ? null : movie.poster();
        } else {
            SeriesEntry series = catalog.snapshot().seriesById().get(id);
            art = series == null ? null : series.cover();
        }
        Path file = art == null || VodSource.isHttp(art) ? null : VodSource.file(art);
        if (file == null) {
            plain(resp, 404, "no such image");
            return;
        }
        resp.setContentType("image/jpeg");
        resp.setHeader("Cache-Control", "public, max-age=3600");
        resp.setContentLengthLong(Files.size(file));
        Files.copy(file, resp.getOutputStream());
    }

    static void plain(HttpServletResponse resp, int status, String message) throws IOException {
        resp.resetBuffer();
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getOutputStream()
                .write((message + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
