package io.panelx.xtream;

import io.panelx.line.LineAccount;
import io.panelx.vod.VodCatalog.Category;
import io.panelx.vod.VodCatalog.EpisodeEntry;
import io.panelx.vod.VodCatalog.Media;
import io.panelx.vod.VodCatalog.MovieEntry;
import io.panelx.vod.VodCatalog.SeasonEntry;
import io.panelx.vod.VodCatalog.SeriesEntry;
import io.panelx.vod.VodCatalog.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The VOD and series half of the player API: get_vod_categories, get_vod_streams, get_vod_info,
 * get_series_categories, get_series, get_series_info. Field types follow XC (see the README): ids
 * of lists are numbers, {@code rating} a string with {@code rating_5based} a number, {@code added}
 * and {@code last_modified} strings of Unix seconds, episodes keyed by season number.
 */
@ApplicationScoped
public class VodActions {

    @Inject VodEntries entries;

    void movieCategories(Writer out, LineAccount line) {
        Snapshot s = entries.snapshot();
        Set<Long> used = new LinkedHashSet<>();
        for (MovieEntry m : s.movies()) {
            if (line.mayWatchMovie(m.id())) used.add(VodEntries.category(m.categoryId()));
        }
        categories(out, s.movieCategories(), used);
    }

    void seriesCategories(Writer out, LineAccount line) {
        Snapshot s = entries.snapshot();
        Set<Long> used = new LinkedHashSet<>();
        for (SeriesEntry e : s.series()) {
            if (line.mayWatchSeries(e.id())) used.add(VodEntries.category(e.categoryId()));
        }
        categories(out, s.seriesCategories(), used);
    }

    private static void categories(Writer out, List<Category> all, Set<Long> used) {
        try (JsonGenerator g = XtreamJson.generator(out)) {
            g.writeStartArray();
            for (Category c : all) {
                if (used.contains(c.id())) category(g, c.id(), c.name());
            }
            if (used.contains(LiveStreamEntries.UNCATEGORISED)) {
                category(g, LiveStreamEntries.UNCATEGORISED, LiveStreamEntries.UNCATEGORISED_NAME);
            }
            g.writeEnd();
        }
    }

    private static void category(JsonGenerator g, long id, String name) {
        g.writeStartObject()
                .write("category_id", Long.toString(id))
                .write("category_name", name)
                .write("parent_id", 0)
                .writeEnd();
    }

    void movies(Writer out, LineAccount line, String categoryParam, String base)
            throws IOException {
        Long category = category(categoryParam);
        if (category != null && category < 0) {
            out.write("[]");
            return;
        }
        VodEntries.Entries e = entries.current(base);
        var text = new StringBuilder(e.snapshot().movies().size() * 480 + 2).append('[');
        int num = 0;
        for (MovieEntry m : e.snapshot().movies()) {
            if (!line.mayWatchMovie(m.id())
                    || (category != null && category != VodEntries.category(m.categoryId()))) {
                continue;
            }
            if (num > 0) text.append(',');
            text.append("{\"num\":").append(++num).append(',').append(e.movies().get(m.id()));
        }
        out.append(text.append(']'));
    }

    void series(Writer out, LineAccount line, String categoryParam, String base)
            throws IOException {
        Long category = category(categoryParam);
        if (category != null && category < 0) {
            out.write("[]");
            return;
        }
        VodEntries.Entries e = entries.current(base);
        var text = new StringBuilder(e.snapshot().series().size() * 480 + 2).append('[');
        int num = 0;
        for (SeriesEntry s : e.snapshot().series()) {
            if (!line.mayWatchSeries(s.id())
                    || (category != null && category != VodEntries.category(s.categoryId()))) {
                continue;
            }
            if (num > 0) text.append(',');
            text.append("{\"num\":").append(++num).append(',').append(e.series().get(s.id()));
        }
        out.append(text.append(']'));
    }

    /** {info, movie_data}; {@code {"info":[],"movie_data":{}}} for a movie the line cannot see. */
    void movieInfo(Writer out, LineAccount line, String vodParam, String base) throws IOException {
        Long id = PlayerApi.number(vodParam);
        MovieEntry m = id == null ? null : entries.snapshot().movieById().get(id);
        if (m == null || !line.mayWatchMovie(m.id())) {
            out.write("{\"info\":[],\"movie_data\":{}}");
            return;
        }
        String poster = VodEntries.art(base, "movie", m.id(), m.poster());
        Media media = m.media();
        long category = VodEntries.category(m.categoryId());
        try (JsonGenerator g = XtreamJson.generator(out)) {
            g.writeStartObject().writeStartObject("info");
            g.write("name", m.title())
                    .write("o_name", m.title())
                    .write("cover_big", poster)
                    .write("movie_image", poster)
                    .write("release_date", VodEntries.text(m.releaseDate()))
                    .write("releasedate", VodEntries.text(m.releaseDate()))
                    .write(
                            "episode_run_time",
                            media.durationSeconds() == null
                                    ? 0
                                    : (media.durationSeconds() + 59) / 60)
                    .write("youtube_trailer", "")
                    .write("director", VodEntries.text(m.director()))
                    .write("actors", VodEntries.text(m.cast()))
                    .write("cast", VodEntries.text(m.cast()))
                    .write("description", VodEntries.text(m.plot()))
                    .write("plot", VodEntries.text(m.plot()))
                    .write("genre", VodEntries.text(m.genre()))
                    .write("country", "")
                    .write("tmdb_id", 0)
                    .writeStartArray("backdrop_path")
                    .writeEnd();
            technical(g, media);
            g.write("rating", m.rating() == null ? 0 : m.rating())
                    .writeStartArray("subtitles")
                    .writeEnd()
                    .writeEnd();
            g.writeStartObject("movie_data")
                    .write("stream_id", m.id())
                    .write("name", m.title())
                    .write("title", m.title())
                    .write("year", VodEntries.year(m.releaseDate()))
                    .write("added", XtreamJson.seconds(VodEntries.added(m.addedAt())))
                    .write("category_id", Long.toString(category))
                    .writeStartArray("category_ids")
                    .write(category)
                    .writeEnd()
                    .write("container_extension", media.container())
                    .write("custom_sid", "")
                    .write("direct_source", "")
                    .writeEnd()
                    .writeEnd();
        }
    }

    /**
     * {seasons, info, episodes}: {@code episodes} maps each season number (a JSON key, so a string)
     * to its episodes in order.
     */
    void seriesInfo(Writer out, LineAccount line, String seriesParam, String base)
            throws IOException {
        Long id = PlayerApi.number(seriesParam);
        SeriesEntry s = id == null ? null : entries.snapshot().seriesById().get(id);
        if (s == null || !line.mayWatchSeries(s.id())) {
            out.write("{\"seasons\":[],\"info\":{\"name\":null},\"episodes\":{}}");
            return;
        }
        String cover = VodEntries.art(base, "series", s.id(), s.cover());
        try (JsonGenerator g = XtreamJson.generator(out)) {
            g.writeStartObject().writeStartArray("seasons");
            for (SeasonEntry se : s.seasons()) {
                String seasonCover = se.cover() == null ? cover : se.cover();
                String airDate =
                        s.episodes().stream()
                                .filter(e -> e.season() == se.number() && e.airDate() != null)
                                .map(EpisodeEntry::airDate)
                                .findFirst()
                                .orElse("");
                g.writeStartObject()
                        .write("id", se.number())
                        .write("name", se.name() == null ? "Season " + se.number() : se.name())
                        .write("episode_count", se.episodes())
                        .write("overview", "")
                        .write("air_date", airDate)
                        .write("cover", seasonCover)
                        .write("cover_big", seasonCover)
                        .write("season_number", se.number())
                        .write("vote_average", 0)
                        .writeEnd();
            }
            g.writeEnd().writeStartObject("info");
            VodEntries.seriesFields(g, s, base);
            g.writeEnd().writeStartObject("episodes");
            int season = Integer.MIN_VALUE;
            for (EpisodeEntry e : s.episodes()) {
                if (e.season() != season) {
                    if (season != Integer.MIN_VALUE) g.writeEnd();
                    season = e.season();
                    g.writeStartArray(Integer.toString(season));
                }
                episode(g, e, cover);
            }
            if (season != Integer.MIN_VALUE) g.writeEnd();
            g.writeEnd().writeEnd();
        }
    }

    private static void episode(JsonGenerator g, EpisodeEntry e, String cover) {
        Media media = e.media();
        g.writeStartObject()
                .write("id", Long.toString(e.id()))
                .write("episode_num", e.number())
                .write("title", e.title())
                .write("container_extension", media.container())
                .writeStartObject("info")
                .write("name", e.title())
                .write("plot", VodEntries.text(e.plot()))
                .write("air_date", VodEntries.text(e.airDate()))
                .write("release_date", VodEntries.text(e.airDate()))
                .write("releasedate", VodEntries.text(e.airDate()))
                .write("rating", e.rating() == null ? 0 : e.rating())
                .write("movie_image", cover)
                .write("cover_big", cover)
                .write("season", e.season())
                .write("tmdb_id", 0);
        technical(g, media);
        g.writeEnd()
                .writeStartArray("subtitles")
                .writeEnd()
                .write("custom_sid", "")
                .write("added", XtreamJson.seconds(VodEntries.added(e.addedAt())))
                .write("season", e.season())
                .write("direct_source", "")
                .writeEnd();
    }

    /** duration_secs, duration, video, audio, bitrate: what ffprobe found (XC's names). */
    private static void technical(JsonGenerator g, Media media) {
        int secs = media.durationSeconds() == null ? 0 : media.durationSeconds();
        g.write("duration_secs", secs)
                .write(
                        "duration",
                        String.format("%02d:%02d:%02d", secs / 3600, (secs % 3600) / 60, secs % 60))
                .writeStartObject("video");
        if (media.videoCodec() != null) g.write("codec_name", media.videoCodec());
        if (media.width() != null) g.write("width", media.width());
        if (media.height() != null) g.write("height", media.height());
        g.writeEnd().writeStartObject("audio");
        if (media.audioCodec() != null) g.write("codec_name", media.audioCodec());
        g.writeEnd();
        long kbit =
                media.sizeBytes() == null || secs == 0 ? 0 : media.sizeBytes() * 8 / 1000 / secs;
        g.write("bitrate", kbit);
    }

    /** null: no category asked for; -1: one that cannot exist. */
    private static Long category(String param) {
        if (param == null || param.isBlank()) return null;
        Long id = PlayerApi.number(param);
        return id == null ? -1L : id;
    }
}
