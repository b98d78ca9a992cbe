package io.panelx.playlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class M3uPlaylistTest {

    @Test
    void readsAttributesNameAndUrl() {
        var entries =
                M3uPlaylist.parse(
                        "#EXTM3U x-tvg-url=\"http://epg\"\r\n"
                                + "#EXTINF:-1 tvg-id=\"news.uk\" tvg-name=\"News\" tvg-logo=\"http://l/n.png\" group-title=\"News, World\",News 24\r\n"
                                + "#EXTVLCOPT:http-user-agent=VLC\r\n"
                                + "http://origin/news.ts\r\n"
                                + "\r\n"
                                + "#EXTINF:0,Plain\n"
                                + "http://origin/plain.m3u8\n"
                                + "http://origin/bare.ts\n");
        assertEquals(3, entries.size());
        var news = entries.get(0);
        assertEquals("News 24", news.name());
        assertEquals("http://origin/news.ts", news.url());
        assertEquals("news.uk", news.tvgId());
        assertEquals("http://l/n.png", news.tvgLogo());
        assertEquals("News, World", news.group());
        assertEquals("Plain", entries.get(1).name());
        assertNull(entries.get(1).group());
        assertEquals("http://origin/bare.ts", entries.get(2).name());
    }

    @Test
    void fallsBackToTvgNameWithoutDisplayName() {
        var entries =
                M3uPlaylist.parse(
                        "#EXTINF:-1 tvg-name=\"Sport HD\" group-title=\"\",\nhttp://s/1.ts");
        assertEquals("Sport HD", entries.get(0).name());
        assertNull(entries.get(0).group());
    }
}
