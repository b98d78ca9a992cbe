package io.panelx.vod;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks the library folder and says what is in it, without touching the database or running ffprobe
 * (that is the probe phase after, {@link ProbePhase}): video files whose names carry an episode
 * marker (S01E02, 1x02) become episodes of the series their folder names (the folder above a
 * "Season NN" folder, else the file's own folder, else the name before the marker); every other
 * video file is a movie. Sidecars next to a file: {@code NAME.nfo} (or {@code movie.nfo}), {@code
 * NAME-poster.jpg}, {@code NAME.jpg}, {@code poster.jpg}, {@code folder.jpg}; in a series folder
 * {@code tvshow.nfo} and its poster. Hidden files and folders are skipped; links are not followed.
 */
public final class LibraryScanner {

    /**
     * What the database already knows about a scanned file: unchanged files are not probed again.
     */
    public record Known(long size, long modifiedAt) {}

    /** {@code changed}: new, or its size or modification time differ from what is stored. */
    public record FoundFile(
            String libraryPath, String container, long size, long modifiedAt, boolean changed) {}

    public record FoundMovie(FoundFile file, String title, String year, Nfo nfo, String poster) {}

    public record FoundEpisode(FoundFile file, int season, int episode, String title, Nfo nfo) {}

    public record FoundSeries(
            String libraryPath, String title, Nfo nfo, String cover, List<FoundEpisode> episodes) {}

    public record Found(List<FoundMovie> movies, List<FoundSeries> series, int files) {}

    private static final int MAX_DEPTH = 12;

    private final Path root;
    private final Map<String, Known> known;
    private final Nfo.Reader nfos = new Nfo.Reader();

    LibraryScanner(Path root, Map<String, Known> known) {
        this.root = root;
        this.known = known;
    }

    /** How many video files the walk found (known once the walk is done; -1 before). */
    volatile int total = -1;

    Found scan() throws IOException {
        var videos = new ArrayList<Path>();
        if (Files.isDirectory(root)) {
            Files.walkFileTree(
                    root,
                    java.util.Set.of(),
                    MAX_DEPTH,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
                            return !dir.equals(root) && hidden(dir)
                                    ? FileVisitResult.SKIP_SUBTREE
                                    : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
                            String ext = VodSource.extension(file.getFileName().toString());
                            if (a.isRegularFile()
                                    && !hidden(file)
                                    && ext != null
                                    && VodSource.VIDEO_EXTENSIONS.contains(ext)) {
                                videos.add(file);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            return FileVisitResult.CONTINUE; // unreadable: as if absent
                        }
                    });
        }
        videos.sort(null);
        total = videos.size();
        var movies = new ArrayList<FoundMovie>();
        var series = new LinkedHashMap<String, SeriesDraft>();
        for (Path video : videos) {
            String fileName = video.getFileName().toString();
            String base = LibraryNames.baseName(fileName);
            LibraryNames.EpisodeName ep = LibraryNames.episode(base);
            if (ep != null) {
                addEpisode(series, video, base, ep);
            } else {
                movies.add(movie(video, base));
            }
        }
        var found = new ArrayList<FoundSeries>();
        for (SeriesDraft d : series.values()) {
            found.add(d.finish());
        }
        return new Found(movies, found, videos.size());
    }

    private FoundMovie movie(Path video, String base) throws IOException {
        Path dir = video.getParent();
        Nfo nfo = nfos.read(dir.resolve(base + ".nfo"));
        if (nfo == null && onlyVideoIn(dir)) {
            nfo = nfos.read(dir.resolve("movie.nfo"));
        }
        LibraryNames.Titled t = LibraryNames.movie(base);
        if (t.title().isEmpty() || (t.year() != null && t.title().length() < 2)) {
            t = LibraryNames.movie(dir.getFileName().toString());
        }
        String poster =
                firstFile(dir, base + "-poster.jpg", base + ".jpg", "poster.jpg", "folder.jpg");
        return new FoundMovie(file(video), t.title(), t.year(), nfo, poster);
    }

    private void addEpisode(
            Map<String, SeriesDraft> series, Path video, String base, LibraryNames.EpisodeName ep)
            throws IOException {
        Path dir = video.getParent();
        Path showDir = null;
        if (!dir.equals(root)) {
            Integer folderSeason = LibraryNames.seasonFolder(dir.getFileName().toString());
            if (folderSeason != null
                    && !dir.getParent().equals(root)
                    && dir.getParent().startsWith(root)) {
                showDir = dir.getParent();
            } else if (folderSeason == null) {
                showDir = dir;
            }
        }
        String key;
        String title;
        if (showDir != null) {
            key = VodSource.relative(root, showDir);
            title = LibraryNames.movie(showDir.getFileName().toString()).title();
        } else {
            title = ep.show().isEmpty() ? "Unknown series" : ep.show();
            key = "@" + title.toLowerCase(java.util.Locale.ROOT);
        }
        Path finalShowDir = showDir;
        String finalTitle = title;
        SeriesDraft draft =
                series.computeIfAbsent(key, k -> new SeriesDraft(k, finalTitle, finalShowDir));
        Nfo nfo = nfos.read(dir.resolve(base + ".nfo"));
        int season = nfo != null && nfo.season() != null ? nfo.season() : ep.season();
        int number = nfo != null && nfo.episode() != null ? nfo.episode() : ep.episode();
        String epTitle = nfo != null && nfo.title() != null ? nfo.title() : ep.title();
        draft.episodes.add(new FoundEpisode(file(video), season, number, epTitle, nfo));
    }

    private final class SeriesDraft {
        final String key;
        final String title;
        final Path dir;
        final List<FoundEpisode> episodes = new ArrayList<>();

        SeriesDraft(String key, String title, Path dir) {
            this.key = key;
            this.title = title;
            this.dir = dir;
        }

        FoundSeries finish() throws IOException {
            Nfo nfo = dir == null ? null : nfos.read(dir.resolve("tvshow.nfo"));
            String cover = dir == null ? null : firstFile(dir, "poster.jpg", "folder.jpg");
            return new FoundSeries(key, title, nfo, cover, List.copyOf(episodes));
        }
    }

    private FoundFile file(Path video) throws IOException {
        String rel = VodSource.relative(root, video);
        BasicFileAttributes a = Files.readAttributes(video, BasicFileAttributes.class);
        long size = a.size();
        long modified = a.lastModifiedTime().toMillis();
        Known k = known.get(rel);
        boolean changed = k == null || k.size() != size || k.modifiedAt() != modified;
        return new FoundFile(rel, VodSource.container(rel), size, modified, changed);
    }

    private String firstFile(Path dir, String... names) {
        for (String n : names) {
            Path p = dir.resolve(n);
            if (Files.isRegularFile(p)) {
                return VodSource.relative(root, p);
            }
        }
        return null;
    }

    /** movie.nfo describes the folder's movie: only trust it when the folder holds one video. */
    private static boolean onlyVideoIn(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(
                                    f -> {
                                        String ext =
                                                VodSource.extension(f.getFileName().toString());
                                        return ext != null
                                                && VodSource.VIDEO_EXTENSIONS.contains(ext);
                                    })
                            .limit(2)
                            .count()
                    == 1;
        }
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
