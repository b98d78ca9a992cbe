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
    void readsKodisStreamDetails() throws Exception {
        Path f = dir.resolve("film.nfo");
        Files.writeString(
                f,
                """
                <movie>
                  <title>A Film</title>
                  <fileinfo>
                    <streamdetails>
                      <video>
                        <codec>h264</codec><aspect>1.777778</aspect>
                        <width>1920</width><height>1080</height>
                        <durationinseconds>6016</durationinseconds>
                      </video>
                      <video><codec>mjpeg</codec><width>1</width></video>
                      <audio><codec>DCA</codec><language>eng</language><channels>6</channels></audio>
                      <audio><codec>aac</codec></audio>
                      <subtitle><language>eng</language></subtitle>
                    </streamdetails>
                  </fileinfo>
                </movie>
                """);
        Nfo.StreamDetails s = Nfo.read(f).streams();
        assertEquals(6016, s.durationSeconds());
        assertEquals("h264", s.videoCodec(), "the first video stream");
        assertEquals(1920, s.width());
        assertEquals(1080, s.height());
        assertEquals("dts", s.audioCodec(), "Kodi's dca is ffprobe's dts");
        assertTrue(s.complete());
    }

    @Test
    void streamDetailsWithoutADurationAreIncomplete() throws Exception {
        Path f = dir.resolve("ep.nfo");
        Files.writeString(
                f,
                "<episodedetails><title>E</title><fileinfo><streamdetails>"
                        + "<video><codec>x265</codec><durationinseconds>0</durationinseconds>"
                        + "<width>abc</width></video></streamdetails></fileinfo></episodedetails>");
        Nfo.StreamDetails s = Nfo.read(f).streams();
        assertEquals("hevc", s.videoCodec());
        assertNull(s.durationSeconds(), "0 s is no duration");
        assertNull(s.width(), "not a number");
        assertFalse(s.complete(), "ffprobe still has to read it");
    }

    @Test
    void noFileinfoIsNoStreamDetails() throws Exception {
        Path f = dir.resolve("plain.nfo");
        Files.writeString(
                f, "<movie><title>P</title><fileinfo><streamdetails/></fileinfo></movie>");
        assertNull(Nfo.read(f).streams());
    }

    @Test
    void oneReaderReadsManyFiles() throws Exception {
        var reader = new Nfo.Reader();
        for (int i = 0; i < 3; i++) {
            Path f = dir.resolve(i + ".nfo");
            Files.writeString(f, "<movie><title>T" + i + "</title></movie>");
            assertEquals("T" + i, reader.read(f).title());
        }
        Path bad = dir.resolve("bad.nfo");
        Files.writeString(bad, "<movie><title>unclosed");
        assertNull(reader.read(bad));
        Path after = dir.resolve("after.nfo");
        Files.writeString(after, "<movie><title>After</title></movie>");
        assertEquals(
                "After", reader.read(after).title(), "a failed parse leaves the reader usable");
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
