package io.panelx.vod;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class LibraryNamesTest {

    @Test
    void episodeMarkers() {
        var e = LibraryNames.episode("Show S01E02");
        assertEquals(new LibraryNames.EpisodeName("Show", 1, 2, ""), e);
        e = LibraryNames.episode("The.Show.s02e10.The.Title");
        assertEquals(new LibraryNames.EpisodeName("The Show", 2, 10, "The Title"), e);
        e = LibraryNames.episode("Show 1x02 - Pilot");
        assertEquals(new LibraryNames.EpisodeName("Show", 1, 2, "Pilot"), e);
        assertNull(LibraryNames.episode("A Film (2020)"));
        assertNull(LibraryNames.episode("1920x1080 demo"), "a resolution is not 1920x108");
    }

    @Test
    void seasonFolders() {
        assertEquals(1, LibraryNames.seasonFolder("Season 01"));
        assertEquals(2, LibraryNames.seasonFolder("S2"));
        assertEquals(0, LibraryNames.seasonFolder("Specials"));
        assertNull(LibraryNames.seasonFolder("Show"));
        assertNull(LibraryNames.seasonFolder("2020"));
    }

    @Test
    void movieTitles() {
        assertEquals(
                new LibraryNames.Titled("A Film", "2020"), LibraryNames.movie("A Film (2020)"));
        assertEquals(
                new LibraryNames.Titled("The Film", "1999"),
                LibraryNames.movie("The.Film.1999.1080p.x264"));
        assertEquals(new LibraryNames.Titled("Plain", null), LibraryNames.movie("Plain"));
    }
}
