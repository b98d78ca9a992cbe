package io.panelx.vod;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The library as players see it: an immutable snapshot of categories, movies, series, seasons and
 * episodes, built once and rebuilt after {@link VodChanged}. The Xtream API and the stream routes
 * read only this, so a player's request costs no database call.
 */
@ApplicationScoped
public class VodCatalog {

    public record Category(long id, String name) {}

    /** The file or URL and what ffprobe found in it. */
    public record Media(
            String source,
            String container,
            Integer durationSeconds,
            String videoCodec,
            String audioCodec,
            Integer width,
            Integer height,
            Long sizeBytes) {

        static Media of(MediaFile f) {
            return new Media(
                    f.source,
                    f.container,
                    f.durationSeconds,
                    f.videoCodec,
                    f.audioCodec,
                    f.width,
                    f.height,
                    f.sizeBytes);
        }

        public boolean remote() {
            return VodSource.isHttp(source);
        }
    }

    public record MovieEntry(
            long id,
            String title,
            Long categoryId,
            String poster,
            String plot,
            String cast,
            String director,
            String genre,
            String releaseDate,
            Double rating,
            Instant addedAt,
            Media media) {}

    public record EpisodeEntry(
            long id,
            long seriesId,
            int season,
            int number,
            String title,
            String plot,
            String airDate,
            Double rating,
            Instant addedAt,
            Media media) {}

    public record SeasonEntry(int number, String name, String cover, int episodes) {}

    public record SeriesEntry(
            long id,
            String title,
            Long categoryId,
            String cover,
            String plot,
            String cast,
            String director,
            String genre,
            String releaseDate,
            Double rating,
            Instant addedAt,
            Instant modifiedAt,
            List<SeasonEntry> seasons,
            List<EpisodeEntry> episodes) {}

    public record Snapshot(
            List<Category> movieCategories,
            List<Category> seriesCategories,
            List<MovieEntry> movies,
            Map<Long, MovieEntry> movieById,
            List<SeriesEntry> series,
            Map<Long, SeriesEntry> seriesById,
            Map<Long, EpisodeEntry> episodeById) {

        public String categoryName(Long id, VodKind kind) {
            if (id == null) return null;
            for (Category c : kind == VodKind.MOVIE ? movieCategories : seriesCategories) {
                if (c.id() == id) return c.name();
            }
            return null;
        }
    }

    @Inject VodLibrary library;

    private final AtomicLong version = new AtomicLong();
    private volatile Snapshot cached;

    public Snapshot snapshot() {
        Snapshot s = cached;
        if (s != null) {
            return s;
        }
        long before = version.get();
        s = build();
        if (version.get() == before) {
            cached = s; // a change while building: the next call builds again
        }
        return s;
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) VodChanged event) {
        version.incrementAndGet();
        cached = null;
    }

    private Snapshot build() {
        var movieCategories = new ArrayList<Category>();
        var seriesCategories = new ArrayList<Category>();
        for (VodCategory c : library.categories(null)) {
            (c.kind == VodKind.MOVIE ? movieCategories : seriesCategories)
                    .add(new Category(c.id, c.name));
        }
        var movies = new ArrayList<MovieEntry>();
        var movieById = new HashMap<Long, MovieEntry>();
        for (Movie m : library.allMovies()) {
            var e =
                    new MovieEntry(
                            m.id,
                            m.title,
                            m.category == null ? null : m.category.id,
                            m.poster,
                            m.plot,
                            m.actors,
                            m.director,
                            m.genre,
                            m.releaseDate,
                            m.rating,
                            m.addedAt,
                            Media.of(m.file));
            movies.add(e);
            movieById.put(e.id(), e);
        }
        var episodesBySeries = new HashMap<Long, List<EpisodeEntry>>();
        var seasonsBySeries = new HashMap<Long, LinkedHashMap<Integer, Season>>();
        var episodeById = new HashMap<Long, EpisodeEntry>();
        for (Episode ep : library.allEpisodes()) {
            long seriesId = ep.season.series.getId();
            var e =
                    new EpisodeEntry(
                            ep.id,
                            seriesId,
                            ep.season.number,
                            ep.number,
                            ep.title,
                            ep.plot,
                            ep.airDate,
                            ep.rating,
                            ep.addedAt,
                            Media.of(ep.file));
            episodesBySeries.computeIfAbsent(seriesId, k -> new ArrayList<>()).add(e);
            seasonsBySeries
                    .computeIfAbsent(seriesId, k -> new LinkedHashMap<>())
                    .putIfAbsent(ep.season.number, ep.season);
            episodeById.put(e.id(), e);
        }
        var series = new ArrayList<SeriesEntry>();
        var seriesById = new HashMap<Long, SeriesEntry>();
        for (Series s : library.allSeries()) {
            List<EpisodeEntry> eps = episodesBySeries.getOrDefault(s.id, List.of());
            var seasons = new ArrayList<SeasonEntry>();
            for (Season se : seasonsBySeries.getOrDefault(s.id, new LinkedHashMap<>()).values()) {
                int count = (int) eps.stream().filter(e -> e.season() == se.number).count();
                seasons.add(new SeasonEntry(se.number, se.name, se.cover, count));
            }
            var e =
                    new SeriesEntry(
                            s.id,
                            s.title,
                            s.category == null ? null : s.category.id,
                            s.cover,
                            s.plot,
                            s.actors,
                            s.director,
                            s.genre,
                            s.releaseDate,
                            s.rating,
                            s.addedAt,
                            s.modifiedAt,
                            List.copyOf(seasons),
                            List.copyOf(eps));
            series.add(e);
            seriesById.put(e.id(), e);
        }
        return new Snapshot(
                List.copyOf(movieCategories),
                List.copyOf(seriesCategories),
                List.copyOf(movies),
                Map.copyOf(movieById),
                List.copyOf(series),
                Map.copyOf(seriesById),
                Map.copyOf(episodeById));
    }
}
