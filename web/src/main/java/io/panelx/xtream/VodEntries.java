package io.panelx.xtream;

import io.panelx.vod.VodCatalog;
import io.panelx.vod.VodCatalog.MovieEntry;
import io.panelx.vod.VodCatalog.SeriesEntry;
import io.panelx.vod.VodCatalog.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The get_vod_streams and get_series entries of the whole library, serialised once per catalog
 * snapshot and public address (artwork of the library is served by PanelX, so its URLs hold the
 * host the player used). A line's answer is then a filter and a concatenation.
 */
@ApplicationScoped
public class VodEntries {

    /** Addresses cached at once: a panel is reached under a few names, not thousands. */
    private static final int MAX_ADDRESSES = 16;

    @Inject VodCatalog catalog;

    /** The serialised entries of one snapshot for one address: each after {@code "num":N,}. */
    record Entries(Snapshot snapshot, Map<Long, String> movies, Map<Long, String> series) {}

    private final ConcurrentHashMap<String, Entries> byBase = new ConcurrentHashMap<>();

    Snapshot snapshot() {
        return catalog.snapshot();
    }

    Entries current(String base) {
        Snapshot snapshot = catalog.snapshot();
        Entries e = byBase.get(base);
        if (e == null || e.snapshot() != snapshot) {
            if (byBase.size() >= MAX_ADDRESSES) {
                byBase.clear();
            }
            e = new Entries(snapshot, movies(snapshot, base), series(snapshot, base));
            byBase.put(base, e);
        }
        return e;
    }

    /** A poster or cover: an http(s) URL as it is, a library image through /vod-art/. */
    static String art(String base, String kind, long id, String value) {
        if (value == null || value.isEmpty()) return "";
        if (value.regionMatches(true, 0, "http://", 0, 7)
                || value.regionMatches(true, 0, "https://", 0, 8)) {
            return value;
        }
        return base + "/vod-art/" + kind + "/" + id + ".jpg";
    }

    static String rating(Double r) {
        if (r == null) return "0";
        return r == Math.rint(r) ? Long.toString(r.longValue()) : Double.toString(r);
    }

    static double rating5(Double r) {
        return r == null ? 0 : Math.round(r * 5.0) / 10.0;
    }

    static String year(String releaseDate) {
        return releaseDate != null
                        && releaseDate.length() >= 4
                        && releaseDate.substring(0, 4).chars().allMatch(Character::isDigit)
                ? releaseDate.substring(0, 4)
                : "";
    }

    static long category(Long id) {
        return id == null ? LiveStreamEntries.UNCATEGORISED : id;
    }

    static String text(String s) {
        return s == null ? "" : s;
    }

    private static Map<Long, String> movies(Snapshot snapshot, String base) {
        var tails = new HashMap<Long, String>(snapshot.movies().size() * 2);
        for (MovieEntry m : snapshot.movies()) {
            var text = new StringWriter(480);
            long category = category(m.categoryId());
            Integer duration = m.media().durationSeconds();
            try (JsonGenerator g = XtreamJson.generator(text)) {
                g.writeStartObject()
                        .write("name", m.title())
                        .write("title", m.title())
                        .write("year", year(m.releaseDate()))
                        .write("stream_type", "movie")
                        .write("stream_id", m.id())
                        .write("stream_icon", art(base, "movie", m.id(), m.poster()))
                        .write("rating", rating(m.rating()))
                        .write("rating_5based", rating5(m.rating()))
                        .write("added", XtreamJson.seconds(added(m.addedAt())))
                        .write("plot", text(m.plot()))
                        .write("cast", text(m.cast()))
                        .write("director", text(m.director()))
                        .write("genre", text(m.genre()))
                        .write("release_date", text(m.releaseDate()))
                        .write("youtube_trailer", "")
                        .write("episode_run_time", duration == null ? 0 : (duration + 59) / 60)
                        .write("category_id", Long.toString(category))
                        .writeStartArray("category_ids")
                        .write(category)
                        .writeEnd()
                        .write("container_extension", m.media().container())
                        .write("custom_sid", "")
                        .write("direct_source", "")
                        .writeEnd();
            }
            tails.put(m.id(), text.toString().substring(1));
        }
        return tails;
    }

    private static Map<Long, String> series(Snapshot snapshot, String base) {
        var tails = new HashMap<Long, String>(snapshot.series().size() * 2);
        for (SeriesEntry s : snapshot.series()) {
            var text = new StringWriter(480);
            try (JsonGenerator g = XtreamJson.generator(text)) {
                g.writeStartObject();
                seriesFields(g, s, base);
                g.writeEnd();
            }
            tails.put(s.id(), text.toString().substring(1));
        }
        return tails;
    }

    /** The fields get_series lists and get_series_info repeats in its {@code info}. */
    static void seriesFields(JsonGenerator g, SeriesEntry s, String base) {
        long category = category(s.categoryId());
        Integer runTime =
                s.episodes().stream()
                        .map(e -> e.media().durationSeconds())
                        .filter(d -> d != null)
                        .findFirst()
                        .orElse(null);
        g.write("name", s.title())
                .write("title", s.title())
                .write("year", year(s.releaseDate()))
                .write("stream_type", "series")
                .write("series_id", s.id())
                .write("cover", art(base, "series", s.id(), s.cover()))
                .write("plot", text(s.plot()))
                .write("cast", text(s.cast()))
                .write("director", text(s.director()))
                .write("genre", text(s.genre()))
                .write("release_date", text(s.releaseDate()))
                .write("releaseDate", text(s.releaseDate()))
                .write("last_modified", XtreamJson.seconds(added(s.modifiedAt())))
                .write("rating", rating(s.rating()))
                .write("rating_5based", rating5(s.rating()))
                .writeStartArray("backdrop_path")
                .writeEnd()
                .write("youtube_trailer", "")
                .write(
                        "episode_run_time",
                        runTime == null ? "" : Integer.toString((runTime + 59) / 60))
                .write("category_id", Long.toString(category))
                .writeStartArray("category_ids")
                .write(category)
                .writeEnd();
    }

    static Instant added(Instant at) {
        return at == null ? Instant.EPOCH : at;
    }
}
