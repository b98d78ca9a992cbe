package io.panelx.xtream;

import io.panelx.line.LineAccount;
import io.panelx.vod.VodCatalog.EpisodeEntry;
import io.panelx.vod.VodCatalog.MovieEntry;
import io.panelx.vod.VodCatalog.SeriesEntry;
import io.panelx.vod.VodCatalog.Snapshot;
import io.panelx.vod.VodKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The movies and episodes of a line's M3U playlist, after its channels as XC writes them: each
 * movie as {@code /movie/USER/PASS/ID.EXT}, each episode as {@code /series/USER/PASS/ID.EXT} named
 * {@code Show S01 E02}, in the category of its movie or series.
 */
@ApplicationScoped
public class VodPlaylistEntries {

    @Inject VodEntries entries;

    void append(
            StringBuilder m3u,
            LineAccount line,
            boolean plus,
            String base,
            String user,
            String pass) {
        Snapshot s = entries.snapshot();
        for (MovieEntry m : s.movies()) {
            if (!line.mayWatchMovie(m.id())) continue;
            entry(
                    m3u,
                    plus,
                    m.title(),
                    VodEntries.art(base, "movie", m.id(), m.poster()),
                    s.categoryName(m.categoryId(), VodKind.MOVIE));
            url(m3u, base, "/movie/", user, pass, m.id(), m.media().container());
        }
        for (SeriesEntry se : s.series()) {
            if (!line.mayWatchSeries(se.id())) continue;
            String cover = VodEntries.art(base, "series", se.id(), se.cover());
            String group = s.categoryName(se.categoryId(), VodKind.SERIES);
            for (EpisodeEntry e : se.episodes()) {
                String name = se.title() + String.format(" S%02d E%02d", e.season(), e.number());
                entry(m3u, plus, name, cover, group);
                url(m3u, base, "/series/", user, pass, e.id(), e.media().container());
            }
        }
    }

    private static void entry(
            StringBuilder m3u, boolean plus, String title, String logo, String group) {
        String name = title.replace('\r', ' ').replace('\n', ' ');
        m3u.append("#EXTINF:-1");
        if (plus) {
            m3u.append(" tvg-id=\"\" tvg-name=\"")
                    .append(Playlist.attribute(name))
                    .append("\" tvg-logo=\"")
                    .append(Playlist.attribute(logo))
                    .append("\" group-title=\"")
                    .append(
                            Playlist.attribute(
                                    group == null ? LiveStreamEntries.UNCATEGORISED_NAME : group))
                    .append('"');
        }
        m3u.append(',').append(name).append('\n');
    }

    private static void url(
            StringBuilder m3u,
            String base,
            String route,
            String user,
            String pass,
            long id,
            String container) {
        m3u.append(base)
                .append(route)
                .append(user)
                .append('/')
                .append(pass)
                .append('/')
                .append(id)
                .append('.')
                .append(container)
                .append('\n');
    }
}
