package io.panelx.delivery;

import java.nio.file.Path;

/**
 * An adaptive HLS ladder written as files beside a channel's Feed (by FFmpeg): PanelX writes the
 * master playlist, the rung playlists and segments are served as they are on disk.
 */
public interface HlsRenditions {

    /** Waits (bounded) until every rung can be played smoothly; false on timeout. */
    boolean awaitPlaylists(long timeoutMillis) throws InterruptedException;

    /** The master playlist; rung URIs start with {@code prefix}. */
    String masterPlaylist(String prefix);

    /** The file behind a rung playlist or segment name, or null for any other name. */
    Path file(String name);
}
