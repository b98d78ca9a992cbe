package io.panelx.vod;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NfoTest {

    @TempDir Path dir;

    @Test
    void readsAKodiMovieNfo() throws Exception {
        Path f = dir.resolve("movie.nfo");
        Files.writeString(
                f,
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <movie>
                  <title>A Film</title>
                  <plot>Things happen.</plot>
                  <genre>Drama</genre><genre>Crime / Thriller</genre>
                  <director>D. Rector</director>
                  <premiered>2020-01-02</premiered>
                  <ratings><rating name="imdb" default="true"><value>7.5</value></rating></ratings>
                  <actor><name>A One</name><role>x</role></actor>
                  <actor><name>B Two</name></actor>
                  <thumb aspect="poster">https://img.example/p.jpg</thumb>
                </movie>
                """);
        Nfo nfo = Nfo.read(f);
        assertEquals("A Film", nfo.title());
        assertEquals("Things happen.", nfo.plot());
        assertEquals(List.of("Drama", "Crime", "Thriller"), nfo.genres());
        assertEquals("D. Rector", nfo.director());
        assertEquals("2020-01-02", nfo.releaseDate());
        assertEquals(7.5, nfo.rating());
        assertEquals("A One, B Two", nfo.actors());
        assertEquals("https://img.example/p.jpg", nfo.thumb());
    }

    @Test
    void externalEntitiesAreNeverRead() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        Path f = dir.resolve("evil.nfo");
        Files.writeString(
                f,
                "<?xml version=\"1.0\"?><!DOCTYPE movie [<!ENTITY x SYSTEM \""
                        + secret.toUri()
                        + "\">]><movie><title>&x;</title></movie>");
        Nfo nfo = Nfo.read(f);
        assertTrue(nfo == null || nfo.title() == null || !nfo.title().contains("TOP-SECRET"));
    }

    @Test
    void notXmlIsNoMetadata() throws Exception {
        Path f = dir.resolve("url.nfo");
        Files.writeString(f, "https://www.themoviedb.org/movie/1");
        assertNull(Nfo.read(f));
    }
}
