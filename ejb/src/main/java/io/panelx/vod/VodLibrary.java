package io.panelx.vod;

import io.panelx.admin.Conflict;
import io.panelx.admin.InvalidInput;
import io.panelx.admin.NotFound;
import io.panelx.config.Settings;
import io.panelx.line.Line;
import io.panelx.line.LineChanged;
import io.panelx.line.LineVodBouquet;
import io.panelx.vod.LibraryScanner.FoundEpisode;
import io.panelx.vod.LibraryScanner.FoundFile;
import io.panelx.vod.LibraryScanner.FoundMovie;
import io.panelx.vod.LibraryScanner.FoundSeries;
import io.panelx.vod.LibraryScanner.Known;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The movies and series library: admin changes, the results of a library scan, and the lookups the
 * catalog snapshot is built from. Every change fires {@link VodChanged}; removing a movie or a
 * series that lines held in their VOD bouquet fires {@link LineChanged} for them.
 */
@Stateless
public class VodLibrary {

    @PersistenceContext EntityManager em;
    @Inject Event<VodChanged> changed;
    @Inject Event<LineChanged> lineChanged;

    // --- categories

    public List<VodCategory> categories(VodKind kind) {
        return em.createQuery(
                        "select c from VodCategory c where (:k is null or c.kind = :k)"
                                + " order by c.kind, c.sortOrder, c.id",
                        VodCategory.class)
                .setParameter("k", kind)
                .getResultList();
    }

    public VodCategory getCategory(long id) {
        VodCategory c = em.find(VodCategory.class, id);
        if (c == null) {
            throw new NotFound("no VOD category with id " + id);
        }
        return c;
    }

    public VodCategory createCategory(VodCategoryForm form) {
        if (form == null || form.kind() == null) {
            throw new InvalidInput("kind is required: MOVIE or SERIES");
        }
        String name = categoryName(form.name(), form.kind(), null);
        var c = new VodCategory(form.kind(), name, form.sortOrder() == null ? 0 : form.sortOrder());
        em.persist(c);
        em.flush();
        changed.fire(new VodChanged());
        return c;
    }

    public VodCategory updateCategory(long id, VodCategoryForm form) {
        VodCategory c = getCategory(id);
        if (form == null) {
            throw new InvalidInput("a JSON body is required");
        }
        if (form.kind() != null && form.kind() != c.kind) {
            throw new InvalidInput("a category's kind cannot change");
        }
        if (form.name() != null) c.name = categoryName(form.name(), c.kind, id);
        if (form.sortOrder() != null) c.sortOrder = form.sortOrder();
        em.flush();
        changed.fire(new VodChanged());
        return c;
    }

    public void deleteCategory(long id) {
        VodCategory c = getCategory(id);
        em.createQuery("update Movie m set m.category = null where m.category = :c")
                .setParameter("c", c)
                .executeUpdate();
        em.createQuery("update Series s set s.category = null where s.category = :c")
                .setParameter("c", c)
                .executeUpdate();
        em.remove(c);
        em.flush();
        changed.fire(new VodChanged());
    }

    private String categoryName(String name, VodKind kind, Long id) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidInput("category name must be 1-200 characters");
        }
        VodCategory other = findCategory(kind, name.trim());
        if (other != null && !other.id.equals(id)) {
            throw new Conflict("category name already taken: " + name.trim());
        }
        return name.trim();
    }

    private VodCategory findCategory(VodKind kind, String name) {
        return em.createQuery(
                        "select c from VodCategory c where c.kind = :k and c.name = :n",
                        VodCategory.class)
                .setParameter("k", kind)
                .setParameter("n", name)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    /** The category of that name, created when missing (imports and scans name categories). */
    public VodCategory categoryNamed(VodKind kind, String name) {
        String n = name.strip();
        if (n.length() > 200) n = n.substring(0, 200);
        VodCategory c = findCategory(kind, n);
        if (c == null) {
            c = new VodCategory(kind, n, 0);
            em.persist(c);
            em.flush();
        }
        return c;
    }

    private VodCategory category(Long id, VodKind kind) {
        if (id == null || id <= 0) {
            return null;
        }
        VodCategory c = getCategory(id);
        if (c.kind != kind) {
            throw new InvalidInput("category " + id + " is a " + c.kind + " category");
        }
        return c;
    }

    // --- movies

    public List<Movie> movies(String search, Long categoryId, int limit) {
        return em.createQuery(
                        "select m from Movie m where (:q is null or lower(m.title) like :q)"
                                + " and (:c is null or m.category.id = :c) order by m.title, m.id",
                        Movie.class)
                .setParameter("q", like(search))
                .setParameter("c", categoryId)
                .setMaxResults(bounded(limit))
                .getResultList();
    }

    /** Every movie, for the catalog snapshot. */
    public List<Movie> allMovies() {
        return em.createQuery(
                        "select m from Movie m left join fetch m.category order by m.title, m.id",
                        Movie.class)
                .getResultList();
    }

    public Movie getMovie(long id) {
        Movie m = em.find(Movie.class, id);
        if (m == null) {
            throw new NotFound("no movie with id " + id);
        }
        return m;
    }

    public Movie createMovie(MovieForm form) {
        if (form == null || form.title() == null || form.title().isBlank()) {
            throw new InvalidInput("title is required");
        }
        if (form.source() == null) {
            throw new InvalidInput(
                    "source is required: a file under the VOD root or an http(s) URL");
        }
        var m = new Movie();
        apply(m, form);
        em.persist(m);
        em.flush();
        changed.fire(new VodChanged());
        return m;
    }

    /**
     * The movie of a finished scheduled recording (io.panelx.archive): its file is an absolute path
     * under {@code panelx.recordings-root}, which the library scan never reads, so the scan leaves
     * it alone; it goes with its recording. Listed in the "Recordings" category.
     */
    public Movie addRecording(String title, String plot, String releaseDate, Path file) {
        Path source = file.toAbsolutePath().normalize();
        Path local = VodSource.file(source.toString());
        if (local == null || !source.startsWith(Settings.recordingsRoot())) {
            throw new InvalidInput("not a file under the recordings root: " + file);
        }
        var m = new Movie();
        m.title = clip(title, 300);
        m.plot = plot == null ? null : clip(plot, 4000);
        m.releaseDate = releaseDate;
        m.category = categoryNamed(VodKind.MOVIE, "Recordings");
        m.file = new MediaFile(source.toString(), "ts");
        m.file.probed(Probe.of(local));
        m.file.sizeBytes = local.toFile().length();
        em.persist(m);
        em.flush();
        changed.fire(new VodChanged());
        return m;
    }

    public Movie updateMovie(long id, MovieForm form) {
        if (form == null) {
            throw new InvalidInput("a JSON body is required");
        }
        Movie m = getMovie(id);
        apply(m, form);
        em.flush();
        changed.fire(new VodChanged());
        return m;
    }

    public void deleteMovie(long id) {
        Movie m = getMovie(id);
        var holders = holders("movies", id);
        em.remove(m);
        em.flush();
        changed.fire(new VodChanged());
        holders.forEach(lineChanged::fire);
    }

    private void apply(Movie m, MovieForm f) {
        edit(m, VodKind.MOVIE, f);
        if (f.poster() != null) m.poster = url(f.poster(), "poster");
        if (f.durationSeconds() != null) m.file.durationSeconds = Math.max(0, f.durationSeconds());
        applySource(m.file, f.source(), f.container());
    }

    // --- series

    public List<Series> series(String search, Long categoryId, int limit) {
        return em.createQuery(
                        "select s from Series s where (:q is null or lower(s.title) like :q)"
                                + " and (:c is null or s.category.id = :c) order by s.title, s.id",
                        Series.class)
                .setParameter("q", like(search))
                .setParameter("c", categoryId)
                .setMaxResults(bounded(limit))
                .getResultList();
    }

    public List<Series> allSeries() {
        return em.createQuery(
                        "select s from Series s left join fetch s.category order by s.title, s.id",
                        Series.class)
                .getResultList();
    }

    /** Every episode, in series, season and episode order, for the catalog snapshot. */
    public List<Episode> allEpisodes() {
        return em.createQuery(
                        "select e from Episode e join e.season se"
                                + " order by se.series.id, se.number, e.number, e.id",
                        Episode.class)
                .getResultList();
    }

    public Series getSeries(long id) {
        Series s = em.find(Series.class, id);
        if (s == null) {
            throw new NotFound("no series with id " + id);
        }
        return s;
    }

    public Series createSeries(SeriesForm form) {
        if (form == null || form.title() == null || form.title().isBlank()) {
            throw new InvalidInput("title is required");
        }
        var s = new Series();
        apply(s, form);
        em.persist(s);
        em.flush();
        changed.fire(new VodChanged());
        return s;
    }

    public Series updateSeries(long id, SeriesForm form) {
        if (form == null) {
            throw new InvalidInput("a JSON body is required");
        }
        Series s = getSeries(id);
        apply(s, form);
        s.modifiedAt = Instant.now();
        em.flush();
        changed.fire(new VodChanged());
        return s;
    }

    public void deleteSeries(long id) {
        Series s = getSeries(id);
        var holders = holders("series", id);
        removeSeries(s);
        em.flush();
        changed.fire(new VodChanged());
        holders.forEach(lineChanged::fire);
    }

    private void removeSeries(Series s) {
        em.flush();
        em.createQuery(
                        "delete from Episode e where e.season in"
                                + " (select se from Season se where se.series = :s)")
                .setParameter("s", s)
                .executeUpdate();
        em.createQuery("delete from Season se where se.series = :s")
                .setParameter("s", s)
                .executeUpdate();
        em.remove(s);
    }

    private void apply(Series s, SeriesForm f) {
        edit(s, VodKind.SERIES, f);
        if (f.cover() != null) s.cover = url(f.cover(), "cover");
    }

    /** An admin's edit of a movie's or a series' metadata: null fields stay as they are. */
    private void edit(VodItem item, VodKind kind, MetadataForm f) {
        if (f.title() != null) item.title = text(f.title(), 300, "title", true);
        if (f.categoryId() != null) item.category = category(f.categoryId(), kind);
        if (f.plot() != null) item.plot = text(f.plot(), 4000, "plot", false);
        if (f.cast() != null) item.actors = text(f.cast(), 2000, "cast", false);
        if (f.director() != null) item.director = text(f.director(), 500, "director", false);
        if (f.genre() != null) item.genre = text(f.genre(), 500, "genre", false);
        if (f.releaseDate() != null)
            item.releaseDate = text(f.releaseDate(), 32, "releaseDate", false);
        if (f.rating() != null) item.rating = rating(f.rating());
    }

    /**
     * What an .nfo says replaces the stored metadata (fields it does not mention keep an admin's
     * edits); its first genre becomes the category while the item has none.
     */
    private void read(VodItem item, VodKind kind, Nfo nfo, Categories categories) {
        if (nfo.title() != null) item.title = clip(nfo.title(), 300);
        if (nfo.plot() != null) item.plot = clip(nfo.plot(), 4000);
        if (nfo.actors() != null) item.actors = clip(nfo.actors(), 2000);
        if (nfo.director() != null) item.director = clip(nfo.director(), 500);
        if (!nfo.genres().isEmpty()) item.genre = clip(String.join(", ", nfo.genres()), 500);
        if (nfo.releaseDate() != null) item.releaseDate = clip(nfo.releaseDate(), 32);
        if (nfo.rating() != null) item.rating = nfo.rating();
        if (item.category == null && !nfo.genres().isEmpty()) {
            item.category = categories.named(kind, nfo.genres().get(0));
        }
    }

    /**
     * The categories a scan names, loaded once: a query per .nfo would flush the whole scan's
     * pending changes each time (Hibernate's auto flush before a query), which grows with the
     * library, so a large scan cost the square of its size. Names are matched regardless of case,
     * as MariaDB's unique key compares them.
     */
    private final class Categories {
        private final Map<String, VodCategory> byName = new HashMap<>();

        Categories() {
            for (VodCategory c : categories(null)) {
                byName.putIfAbsent(categoryKey(c.kind, c.name), c);
            }
        }

        VodCategory named(VodKind kind, String name) {
            String n = name.strip();
            if (n.length() > 200) n = n.substring(0, 200);
            String key = categoryKey(kind, n);
            VodCategory c = byName.get(key);
            if (c == null) {
                c = new VodCategory(kind, n, 0);
                em.persist(c);
                byName.put(key, c);
            }
            return c;
        }
    }

    private static String categoryKey(VodKind kind, String name) {
        return kind + ":" + name.toLowerCase(Locale.ROOT);
    }

    // --- episodes

    public List<Episode> episodes(long seriesId) {
        getSeries(seriesId);
        return em.createQuery(
                        "select e from Episode e join e.season se where se.series.id = :s"
                                + " order by se.number, e.number, e.id",
                        Episode.class)
                .setParameter("s", seriesId)
                .getResultList();
    }

    public Episode getEpisode(long id) {
        Episode e = em.find(Episode.class, id);
        if (e == null) {
            throw new NotFound("no episode with id " + id);
        }
        return e;
    }

    public Episode createEpisode(long seriesId, EpisodeForm form) {
        Series s = getSeries(seriesId);
        if (form == null || form.episode() == null) {
            throw new InvalidInput("episode (its number) is required");
        }
        if (form.source() == null) {
            throw new InvalidInput(
                    "source is required: a file under the VOD root or an http(s) URL");
        }
        var e = new Episode();
        e.season = season(s, form.season() == null ? 1 : checkedNumber(form.season(), "season"));
        e.number = checkedNumber(form.episode(), "episode");
        e.title = "Episode " + e.number;
        apply(e, form);
        em.persist(e);
        s.modifiedAt = Instant.now();
        em.flush();
        changed.fire(new VodChanged());
        return e;
    }

    public Episode updateEpisode(long id, EpisodeForm form) {
        if (form == null) {
            throw new InvalidInput("a JSON body is required");
        }
        Episode e = getEpisode(id);
        Season before = e.season;
        if (form.season() != null) {
            e.season = season(before.series, checkedNumber(form.season(), "season"));
        }
        if (form.episode() != null) e.number = checkedNumber(form.episode(), "episode");
        apply(e, form);
        em.flush();
        if (before != e.season) removeIfEmpty(before);
        changed.fire(new VodChanged());
        return e;
    }

    public void deleteEpisode(long id) {
        Episode e = getEpisode(id);
        Season season = e.season;
        em.remove(e);
        em.flush();
        removeIfEmpty(season);
        changed.fire(new VodChanged());
    }

    private void apply(Episode e, EpisodeForm f) {
        if (f.title() != null) e.title = text(f.title(), 300, "title", true);
        if (f.plot() != null) e.plot = text(f.plot(), 4000, "plot", false);
        if (f.airDate() != null) e.airDate = text(f.airDate(), 32, "airDate", false);
        if (f.rating() != null) e.rating = rating(f.rating());
        if (f.durationSeconds() != null) e.file.durationSeconds = Math.max(0, f.durationSeconds());
        applySource(e.file, f.source(), f.container());
    }

    private Season season(Series s, int number) {
        Season found =
                em.createQuery(
                                "select se from Season se where se.series = :s and se.number = :n",
                                Season.class)
                        .setParameter("s", s)
                        .setParameter("n", number)
                        .getResultStream()
                        .findFirst()
                        .orElse(null);
        if (found == null) {
            found = new Season(s, number);
            em.persist(found);
        }
        return found;
    }

    private void removeIfEmpty(Season season) {
        long left =
                em.createQuery("select count(e) from Episode e where e.season = :s", Long.class)
                        .setParameter("s", season)
                        .getSingleResult();
        if (left == 0) {
            em.remove(season);
            em.flush();
        }
    }

    // --- playlist imports

    /** Whether an imported entry was new. */
    public enum Imported {
        CREATED,
        EXISTED
    }

    /**
     * A movie from a playlist entry ({@code group-title} its category, {@code tvg-logo} its
     * poster). An entry whose URL a movie already plays from is not imported twice.
     */
    public Imported importMovie(String name, String group, String logo, String url) {
        String source = VodSource.validate(url);
        if (!em.createQuery("select m.id from Movie m where m.file.source = :s", Long.class)
                .setParameter("s", source)
                .setMaxResults(1)
                .getResultList()
                .isEmpty()) {
            return Imported.EXISTED;
        }
        LibraryNames.Titled t = LibraryNames.movie(name);
        var m = new Movie();
        m.title = clip(t.title().isEmpty() ? name : t.title(), 300);
        m.releaseDate = t.year();
        m.category = group == null ? null : categoryNamed(VodKind.MOVIE, group);
        m.poster = logo != null && VodSource.isHttp(logo) ? clip(logo, 2000) : null;
        m.file = new MediaFile(source, VodSource.container(source));
        em.persist(m);
        em.flush();
        changed.fire(new VodChanged());
        return Imported.CREATED;
    }

    /**
     * An episode from a playlist entry named like {@code Show S01E02} (or {@code Show 1x02}): the
     * series is found by its title among the imported ones (created when missing, in the {@code
     * group-title} category); a name without a marker is the series' next episode of season 1.
     */
    public Imported importEpisode(String name, String group, String logo, String url) {
        String source = VodSource.validate(url);
        if (!em.createQuery("select e.id from Episode e where e.file.source = :s", Long.class)
                .setParameter("s", source)
                .setMaxResults(1)
                .getResultList()
                .isEmpty()) {
            return Imported.EXISTED;
        }
        LibraryNames.EpisodeName parsed = LibraryNames.episode(name);
        String show = clip(parsed == null || parsed.show().isEmpty() ? name : parsed.show(), 300);
        Series s =
                em.createQuery(
                                "select s from Series s where s.title = :t and s.libraryPath is null"
                                        + " order by s.id",
                                Series.class)
                        .setParameter("t", show)
                        .setMaxResults(1)
                        .getResultStream()
                        .findFirst()
                        .orElse(null);
        if (s == null) {
            s = new Series();
            s.title = show;
            s.category = group == null ? null : categoryNamed(VodKind.SERIES, group);
            s.cover = logo != null && VodSource.isHttp(logo) ? clip(logo, 2000) : null;
            em.persist(s);
            em.flush();
        }
        int seasonNumber = parsed == null ? 1 : parsed.season();
        Season season = season(s, seasonNumber);
        int number;
        if (parsed != null) {
            number = parsed.episode();
        } else {
            Integer max =
                    em.createQuery(
                                    "select max(e.number) from Episode e where e.season = :s",
                                    Integer.class)
                            .setParameter("s", season)
                            .getSingleResult();
            number = max == null ? 1 : max + 1;
        }
        var e = new Episode();
        e.season = season;
        e.number = number;
        e.title =
                clip(
                        parsed == null
                                ? name
                                : parsed.title().isEmpty() ? "Episode " + number : parsed.title(),
                        300);
        e.file = new MediaFile(source, VodSource.container(source));
        em.persist(e);
        s.modifiedAt = Instant.now();
        em.flush();
        changed.fire(new VodChanged());
        return Imported.CREATED;
    }

    // --- lines' VOD bouquets

    /** Sets which movies and series a line may watch (see {@link LineVodBouquet}). */
    public Line setLineBouquet(long lineId, LineVodBouquet form) {
        if (form == null) {
            throw new InvalidInput("a JSON body is required");
        }
        Line line = em.find(Line.class, lineId);
        if (line == null) {
            throw new NotFound("no line with id " + lineId);
        }
        boolean all =
                form.allVod() != null
                        ? form.allVod()
                        : form.movies() == null && form.series() == null;
        Set<Long> movies = form.movies() == null ? Set.of() : form.movies();
        Set<Long> series = form.series() == null ? Set.of() : form.series();
        for (Long id : movies) {
            if (id == null || em.find(Movie.class, id) == null) {
                throw new InvalidInput("VOD bouquet names an unknown movie: " + id);
            }
        }
        for (Long id : series) {
            if (id == null || em.find(Series.class, id) == null) {
                throw new InvalidInput("VOD bouquet names an unknown series: " + id);
            }
        }
        line.setVodBouquet(all, movies, series);
        em.flush();
        lineChanged.fire(new LineChanged(line.getId(), line.getUsername()));
        return line;
    }

    public Line line(long lineId) {
        Line line = em.find(Line.class, lineId);
        if (line == null) {
            throw new NotFound("no line with id " + lineId);
        }
        return line;
    }

    // --- the library scan

    /** What the last scan stored about each file it found: unchanged files are not probed. */
    public Map<String, Known> knownFiles() {
        var known = new HashMap<String, Known>();
        for (String entity : List.of("Movie", "Episode")) {
            for (Object[] row :
                    em.createQuery(
                                    "select x.file.libraryPath, x.file.sizeBytes, x.file.modifiedAt"
                                            + " from "
                                            + entity
                                            + " x where x.file.libraryPath is not null",
                                    Object[].class)
                            .getResultList()) {
                if (row[1] != null && row[2] != null) {
                    known.put((String) row[0], new Known((Long) row[1], (Long) row[2]));
                }
            }
        }
        return known;
    }

    /** What a scan changed. */
    public record ScanOutcome(
            int files,
            int moviesAdded,
            int moviesRemoved,
            int seriesAdded,
            int seriesRemoved,
            int episodesAdded,
            int episodesRemoved,
            int detailsFromNfo) {}

    /**
     * Stores what a scan found: items keep their ids by their path under the root, new files are
     * added, items whose files vanished are removed. Items added by the API or an M3U import (no
     * library path) are never touched. Metadata from an .nfo replaces what was stored; without one,
     * admin edits stay.
     */
    public ScanOutcome apply(LibraryScanner.Found found) {
        var holders = new java.util.LinkedHashSet<LineChanged>();
        var categories = new Categories();
        int fromNfo = 0;
        Map<String, Movie> movies = new HashMap<>();
        for (Movie m :
                em.createQuery(
                                "select m from Movie m where m.file.libraryPath is not null",
                                Movie.class)
                        .getResultList()) {
            movies.put(m.file.libraryPath, m);
        }
        int moviesAdded = 0;
        for (FoundMovie fm : found.movies()) {
            Movie m = movies.remove(fm.file().libraryPath());
            if (m == null) {
                m = new Movie();
                m.title = clip(fm.title().isEmpty() ? fm.file().libraryPath() : fm.title(), 300);
                m.releaseDate = fm.year();
                m.file = new MediaFile(fm.file().libraryPath(), fm.file().container());
                m.file.libraryPath = fm.file().libraryPath();
                em.persist(m);
                moviesAdded++;
            }
            Nfo nfo = fm.nfo();
            if (scanned(m.file, fm.file(), nfo)) fromNfo++;
            if (nfo != null) {
                read(m, VodKind.MOVIE, nfo, categories);
            }
            m.poster = art(m.poster, fm.poster(), nfo);
        }
        holders.addAll(holders("movies", ids(movies.values())));
        for (Movie gone : movies.values()) {
            em.remove(gone);
        }

        Map<String, Series> series = new HashMap<>();
        for (Series s :
                em.createQuery(
                                "select s from Series s where s.libraryPath is not null",
                                Series.class)
                        .getResultList()) {
            series.put(s.libraryPath, s);
        }
        Map<String, Episode> episodes = new HashMap<>();
        for (Episode e :
                em.createQuery(
                                "select e from Episode e where e.file.libraryPath is not null",
                                Episode.class)
                        .getResultList()) {
            episodes.put(e.file.libraryPath, e);
        }
        Map<String, Season> seasons = new HashMap<>();
        for (Season se : em.createQuery("select se from Season se", Season.class).getResultList()) {
            seasons.put(se.series.id + ":" + se.number, se);
        }
        int seriesAdded = 0;
        int episodesAdded = 0;
        Instant now = Instant.now();
        for (FoundSeries fs : found.series()) {
            Series s = series.remove(fs.libraryPath());
            if (s == null) {
                s = new Series();
                s.title = clip(fs.title(), 300);
                s.libraryPath = fs.libraryPath();
                em.persist(s); // an identity column: the id is there at once, for the seasons
                seriesAdded++;
            }
            Nfo nfo = fs.nfo();
            if (nfo != null) {
                read(s, VodKind.SERIES, nfo, categories);
            }
            s.cover = art(s.cover, fs.cover(), nfo);
            for (FoundEpisode fe : fs.episodes()) {
                Series owner = s;
                Season season =
                        seasons.computeIfAbsent(
                                s.id + ":" + fe.season(),
                                k -> {
                                    var created = new Season(owner, fe.season());
                                    em.persist(created);
                                    return created;
                                });
                Episode e = episodes.remove(fe.file().libraryPath());
                boolean added = e == null;
                if (added) {
                    e = new Episode();
                    e.file = new MediaFile(fe.file().libraryPath(), fe.file().container());
                    e.file.libraryPath = fe.file().libraryPath();
                    e.season = season;
                    e.number = fe.episode();
                    e.title = clip(episodeTitle(fe), 300);
                    em.persist(e);
                    episodesAdded++;
                    s.modifiedAt = now;
                }
                e.season = season;
                e.number = fe.episode();
                if (fe.nfo() != null) {
                    e.title = clip(episodeTitle(fe), 300);
                    if (fe.nfo().plot() != null) e.plot = clip(fe.nfo().plot(), 4000);
                    if (fe.nfo().releaseDate() != null)
                        e.airDate = clip(fe.nfo().releaseDate(), 32);
                    if (fe.nfo().rating() != null) e.rating = fe.nfo().rating();
                }
                if (scanned(e.file, fe.file(), fe.nfo())) fromNfo++;
            }
        }
        for (Episode gone : episodes.values()) {
            em.remove(gone);
        }
        em.flush();
        holders.addAll(holders("series", ids(series.values())));
        for (Series gone : series.values()) {
            removeSeries(gone);
        }
        em.flush();
        em.createQuery(
                        "delete from Season se where not exists"
                                + " (select e from Episode e where e.season = se)")
                .executeUpdate();
        changed.fire(new VodChanged());
        holders.forEach(lineChanged::fire);
        return new ScanOutcome(
                found.files(),
                moviesAdded,
                movies.size(),
                seriesAdded,
                series.size(),
                episodesAdded,
                episodes.size(),
                fromNfo);
    }

    private static List<Long> ids(java.util.Collection<? extends VodItem> items) {
        return items.stream().map(i -> i.id).toList();
    }

    private static String episodeTitle(FoundEpisode fe) {
        if (fe.nfo() != null && fe.nfo().title() != null) return fe.nfo().title();
        return fe.title() == null || fe.title().isEmpty() ? "Episode " + fe.episode() : fe.title();
    }

    /** A poster: the library's image file first, then the .nfo's URL, else what an admin set. */
    private static String art(String current, String file, Nfo nfo) {
        if (file != null) return file;
        if (nfo != null && nfo.thumb() != null) return clip(nfo.thumb(), 2000);
        if (current != null && !VodSource.isHttp(current)) return null; // the image file vanished
        return current;
    }

    /**
     * A library file as the scan found it: the .nfo's streamdetails, when they give duration and
     * video codec, are its details (as any .nfo field, on every scan); otherwise a new or changed
     * file, or one whose .nfo no longer gives them, waits for the probe phase. True when the
     * details came from the .nfo.
     */
    private static boolean scanned(MediaFile file, FoundFile found, Nfo nfo) {
        file.container = found.container();
        file.sizeBytes = found.size();
        file.modifiedAt = found.modifiedAt();
        Nfo.StreamDetails streams = nfo == null ? null : nfo.streams();
        if (streams != null && streams.complete()) {
            file.details(streams.asProbe(), MediaDetails.NFO);
            return true;
        }
        if (found.changed() || file.detailsFrom == MediaDetails.NFO) {
            file.awaitProbe(streams);
        }
        return false;
    }

    // --- the probe phase

    /** A library file the probe phase reads: a movie's or an episode's, as the scan stored it. */
    public record ProbeTask(
            boolean episode, long id, String libraryPath, long size, long modifiedAt) {}

    /** What ffprobe said about it; {@code probe} null: it read nothing. */
    public record ProbeResult(ProbeTask task, Probe probe) {}

    /** The library files without details (new or changed, and no streamdetails in their .nfo). */
    public List<ProbeTask> toProbe() {
        var tasks = new java.util.ArrayList<ProbeTask>();
        for (String entity : List.of("Movie", "Episode")) {
            for (Object[] row :
                    em.createQuery(
                                    "select x.id, x.file.libraryPath, x.file.sizeBytes,"
                                            + " x.file.modifiedAt from "
                                            + entity
                                            + " x where x.file.libraryPath is not null"
                                            + " and x.file.detailsFrom is null"
                                            + " order by x.file.libraryPath",
                                    Object[].class)
                            .getResultList()) {
                if (row[2] != null && row[3] != null) {
                    tasks.add(
                            new ProbeTask(
                                    entity.equals("Episode"),
                                    (Long) row[0],
                                    (String) row[1],
                                    (Long) row[2],
                                    (Long) row[3]));
                }
            }
        }
        return tasks;
    }

    /**
     * Stores a batch of the probe phase's results in one transaction: a file that changed, vanished
     * or got its details from elsewhere since its probe started keeps what it has (the next scan
     * looks at it again). Returns how many were stored.
     */
    public int probed(List<ProbeResult> results) {
        int stored = 0;
        for (ProbeResult r : results) {
            ProbeTask t = r.task();
            MediaFile file;
            if (t.episode()) {
                Episode e = em.find(Episode.class, t.id());
                file = e == null ? null : e.file;
            } else {
                Movie m = em.find(Movie.class, t.id());
                file = m == null ? null : m.file;
            }
            if (file == null
                    || file.detailsFrom != null
                    || !t.libraryPath().equals(file.libraryPath)
                    || !Long.valueOf(t.size()).equals(file.sizeBytes)
                    || !Long.valueOf(t.modifiedAt()).equals(file.modifiedAt)) {
                continue;
            }
            if (r.probe() == null) {
                file.detailsFrom = MediaDetails.UNREADABLE; // keeps what the .nfo gave, if any
            } else {
                file.details(r.probe(), MediaDetails.FFPROBE);
            }
            stored++;
        }
        if (stored > 0) {
            em.flush();
            changed.fire(new VodChanged());
        }
        return stored;
    }

    // --- shared checks

    private void applySource(MediaFile file, String source, String container) {
        if (source != null) {
            String checked = VodSource.validate(source);
            if (!checked.equals(file.source)) {
                file.source = checked;
                file.libraryPath = null; // the admin chose it: the scan does not own it
                file.container = VodSource.container(checked);
                Path local = VodSource.file(checked);
                if (local != null) {
                    file.probed(Probe.of(local));
                    file.sizeBytes = local.toFile().length();
                }
            }
        }
        if (container != null) {
            String c = container.trim().toLowerCase(Locale.ROOT);
            if (!VodSource.VIDEO_EXTENSIONS.contains(c)) {
                throw new InvalidInput(
                        "container must be one of "
                                + new java.util.TreeSet<>(VodSource.VIDEO_EXTENSIONS));
            }
            file.container = c;
        }
    }

    /**
     * Lines whose VOD bouquet, or one of whose named bouquets, names the item: their cached copies
     * must go once it is removed.
     */
    private List<LineChanged> holders(String collection, long id) {
        return holders(collection, List.of(id));
    }

    private List<LineChanged> holders(String collection, List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        var out = new java.util.ArrayList<LineChanged>();
        // bounded IN lists: some databases limit a statement's parameters
        for (int i = 0; i < ids.size(); i += 500) {
            out.addAll(holdersOf(collection, ids.subList(i, Math.min(ids.size(), i + 500))));
        }
        return out.stream().distinct().toList();
    }

    private List<LineChanged> holdersOf(String collection, List<Long> ids) {
        var own =
                em.createQuery(
                                "select l.id, l.username from Line l join l."
                                        + collection
                                        + " x where x in :ids",
                                Object[].class)
                        .setParameter("ids", ids)
                        .getResultList();
        var named =
                em.createQuery(
                                "select distinct l.id, l.username from Line l join l.bouquets b"
                                        + " join b."
                                        + collection
                                        + " x where x in :ids",
                                Object[].class)
                        .setParameter("ids", ids)
                        .getResultList();
        return java.util.stream.Stream.concat(own.stream(), named.stream())
                .map(h -> new LineChanged((Long) h[0], (String) h[1]))
                .distinct()
                .toList();
    }

    private static String text(String value, int max, String field, boolean required) {
        String t = value.strip();
        if (t.isEmpty()) {
            if (required) throw new InvalidInput(field + " must not be empty");
            return null;
        }
        if (t.length() > max) {
            throw new InvalidInput(field + " must be at most " + max + " characters");
        }
        return t;
    }

    private static String url(String value, String field) {
        String t = value.strip();
        if (t.isEmpty()) return null;
        if (!VodSource.isHttp(t) || t.length() > 2000) {
            throw new InvalidInput(field + " must be an http(s) URL of at most 2000 characters");
        }
        return t;
    }

    private static Double rating(Double r) {
        if (r.isNaN() || r < 0 || r > 10) {
            throw new InvalidInput("rating must be between 0 and 10");
        }
        return r;
    }

    private static int checkedNumber(int n, String field) {
        if (n < 0 || n > 100_000) {
            throw new InvalidInput(field + " must be between 0 and 100000");
        }
        return n;
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static String like(String search) {
        if (search == null || search.isBlank()) return null;
        return "%"
                + search.strip()
                        .toLowerCase(Locale.ROOT)
                        .replace("\\", "")
                        .replace("%", "")
                        .replace("_", "")
                + "%";
    }

    private static int bounded(int limit) {
        return limit <= 0 ? 500 : Math.min(limit, 50_000);
    }
}
