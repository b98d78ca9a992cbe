package io.panelx.xtream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The catch-up attributes get.php's m3u_plus gives archived channels. */
class PlaylistCatchupTest {

    @Test
    void anArchivedChannelSaysXcCatchUpAndItsDays() {
        assertEquals(" catchup=\"xc\" catchup-days=\"1\" timeshift=\"1\"", Playlist.catchup(2));
        assertEquals(" catchup=\"xc\" catchup-days=\"2\" timeshift=\"2\"", Playlist.catchup(25));
        assertEquals(" catchup=\"xc\" catchup-days=\"7\" timeshift=\"7\"", Playlist.catchup(168));
    }

    @Test
    void aChannelWithoutArchiveSaysNothing() {
        assertEquals("", Playlist.catchup(0));
    }
}
