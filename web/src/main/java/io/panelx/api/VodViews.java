package io.panelx.api;

import io.panelx.line.Line;
import io.panelx.vod.Episode;
import io.panelx.vod.MediaDetails;
import io.panelx.vod.MediaFile;
import io.panelx.vod.Movie;
import io.panelx.vod.Series;
import io.panelx.vod.VodCategory;
import io.panelx.vod.VodKind;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/** Movies, series, episodes and VOD categories as the admin API shows them. */
public final class VodViews {

    private VodViews() {}

    public record Category(long id, VodKind kind, String name, int sortOrder) {
        static Category of(VodCategory c) {
            return new Category(c.getId(), c.getKind(), c.getName(), c.getSortOrder());
        }
    }

    /**
     * A file or URL as stored ({@code libraryPath} set: found by the library scan; {@code
     * detailsFrom}: where duration and codecs came from, NFO, FFPROBE or UNREADABLE, absent while
     * the scan's probe phase has yet to read it).
     */
    public record File(
            String source,
            String container,
            Integer durationSeconds,
            String videoCodec,
            String audioCodec,
            Integer width,
            Integer height,
            Long sizeBytes,
            String libraryPath,
            MediaDetails detailsFrom) {
        static File of(MediaFile f) {
            return new File(
                    f.getSource(),
                    f.getContainer(),
                    f.getDurationSeconds(),
                    f.getVideoCodec(),
                    f.getAudioCodec(),
                    f.getWidth(),
                    f.getHeight(),
                    f.getSizeBytes(),
                    f.getLibraryPath(),
                    f.getDetailsFrom());
        }
    }

    public record MovieView(
            long id,
            String title,
            Long categoryId,
            String categoryName,
            String poster,
            String plot,
            String cast,
            String director,
            String genre,
            String releaseDate,
            Double rating,
            Instant addedAt,
            File file) {
        static MovieView of(Movie m) {
            return new MovieView(
                    m.getId(),
                    m.getTitle(),
                    m.getCategory() == null ? null : m.getCategory().getId(),
                    m.getCategory() == null ? null : m.getCategory().getName(),
                    m.getPoster(),
                    m.getPlot(),
                    m.getActors(),
                    m.getDirector(),
                    m.getGenre(),
                    m.getReleaseDate(),
                    m.getRating(),
                    m.getAddedAt(),
                    File.of(m.getFile()));
        }
    }

    public record SeriesView(
            long id,
            String title,
            Long categoryId,
            String categoryName,
            String cover,
            String plot,
            String cast,
            String director,
            String genre,
            String releaseDate,
            Double rating,
            String libraryPath,
            Instant addedAt,
            Instant modifiedAt) {
        static SeriesView of(Series s) {
            return new SeriesView(
                    s.getId(),
                    s.getTitle(),
                    s.getCategory() == null ? null : s.getCategory().getId(),
                    s.getCategory() == null ? null : s.getCategory().getName(),
                    s.getCover(),
                    s.getPlot(),
                    s.getActors(),
                    s.getDirector(),
                    s.getGenre(),
                    s.getReleaseDate(),
                    s.getRating(),
                    s.getLibraryPath(),
                    s.getAddedAt(),
                    s.getModifiedAt());
        }
    }

    public record EpisodeView(
            long id,
            long seriesId,
            int season,
            int episode,
            String title,
            String plot,
            String airDate,
            Double rating,
            Instant addedAt,
            File file) {
        static EpisodeView of(Episode e) {
            return new EpisodeView(
                    e.getId(),
                    e.getSeason().getSeries().getId(),
                    e.getSeason().getNumber(),
                    e.getNumber(),
                    e.getTitle(),
                    e.getPlot(),
                    e.getAirDate(),
                    e.getRating(),
                    e.getAddedAt(),
                    File.of(e.getFile()));
        }
    }

    public record BouquetView(long lineId, boolean allVod, Set<Long> movies, Set<Long> series) {
        static BouquetView of(Line l) {
            return new BouquetView(
                    l.getId(),
                    l.isAllVod(),
                    new TreeSet<>(l.getMovies()),
                    new TreeSet<>(l.getSeries()));
        }
    }
}
