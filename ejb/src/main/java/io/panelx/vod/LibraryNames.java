package io.panelx.vod;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What file and folder names say: {@code Show S01E02 Title.mkv} and {@code Show 1x02.mkv} are
 * episodes, {@code Season 01} is a season folder, {@code The.Film.(2020).mkv} a movie of 2020.
 */
final class LibraryNames {

    private static final Pattern SXXEYY =
            Pattern.compile("(?i)^(.*?)[\\s._-]*\\bS(\\d{1,3})[\\s._-]?E(\\d{1,4})\\b(.*)$");
    private static final Pattern NXNN =
            Pattern.compile("(?i)^(.*?)[\\s._-]*\\b(\\d{1,2})x(\\d{1,3})\\b(.*)$");
    private static final Pattern SEASON_FOLDER =
            Pattern.compile(
                    "(?i)^(season|series|staffel|saison|temporada)?[\\s._-]*(\\d{1,3})$|^S(\\d{1,3})$");
    private static final Pattern YEAR =
            Pattern.compile("^(.*?)[\\s._(\\[-]*((?:19|20)\\d\\d)[)\\]]?(?:[\\s._-].*)?$");

    private LibraryNames() {}

    /** An episode's place and name from its file name (without extension). */
    record EpisodeName(String show, int season, int episode, String title) {}

    static EpisodeName episode(String baseName) {
        Matcher m = SXXEYY.matcher(baseName);
        if (!m.matches()) {
            m = NXNN.matcher(baseName);
            if (!m.matches()) {
                return null;
            }
        }
        return new EpisodeName(
                words(m.group(1)),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)),
                words(m.group(4)));
    }

    /** The season number of a season folder ("Season 01", "S2", "Specials": 0), or null. */
    static Integer seasonFolder(String name) {
        if (name.equalsIgnoreCase("specials")) {
            return 0;
        }
        Matcher m = SEASON_FOLDER.matcher(name.trim());
        if (!m.matches()) {
            return null;
        }
        if (m.group(3) != null) {
            return Integer.parseInt(m.group(3));
        }
        return m.group(1) == null ? null : Integer.parseInt(m.group(2));
    }

    /** A movie's title and year (or null) from its file or folder name. */
    record Titled(String title, String year) {}

    static Titled movie(String baseName) {
        Matcher m = YEAR.matcher(baseName);
        if (m.matches() && !words(m.group(1)).isEmpty()) {
            return new Titled(words(m.group(1)), m.group(2));
        }
        return new Titled(words(baseName), null);
    }

    /** Dots and underscores as spaces (release-style names), separators trimmed. */
    static String words(String s) {
        if (s == null) {
            return "";
        }
        String t = s;
        if (!t.contains(" ")) {
            t = t.replace('.', ' ').replace('_', ' ');
        }
        t = t.replaceAll("\\s+", " ").strip();
        t = t.replaceAll("^[\\s\\-._]+|[\\s\\-._]+$", "");
        return t;
    }

    static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
