package io.panelx.delivery;

import io.panelx.channel.ChannelInfo;
import io.panelx.config.Settings;
import io.panelx.line.LineAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;

/**
 * HLS of live channels: a player session per (line, address, player, channel), its playlist (the
 * master playlist of a channel with adaptive renditions, else the media playlist PanelX cuts from
 * the Feed) and its segments. Every byte is sent through the viewer's session.
 */
@ApplicationScoped
public class ChannelHls {

    @Inject RunningChannels channels;
    @Inject PlayerSessions players;

    /** The HLS viewer for the channel: an existing one is reused, a new one is admitted. */
    public PlayerSession open(
            LineAccount line, ChannelInfo channel, String clientIp, String userAgent)
            throws Refused {
        ChannelRunner runner = channels.ready(channel);
        if (runner.renditions() == null) {
            runner.hls(); // PanelX cuts the segments itself
        }
        return players.open(line, runner.watched(), clientIp, userAgent, "m3u8");
    }

    /**
     * The playlist for an HLS viewer, its URIs as absolute paths under {@code prefix}; null when
     * the channel is not running or has no segment in time.
     */
    public String playlist(PlayerSession player, String prefix) {
        ChannelRunner runner = channels.runner(player.session().viewer().channelId());
        if (runner == null) {
            return null;
        }
        player.session().touched();
        long timeout = Settings.startTimeout().toMillis();
        try {
            HlsRenditions renditions = runner.renditions();
            if (renditions != null) {
                return renditions.awaitPlaylists(timeout)
                        ? renditions.masterPlaylist(prefix)
                        : null;
            }
            HlsWindow window = runner.hls();
            return window.awaitSegment(timeout) ? window.playlist(prefix) : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** A segment PanelX cut, or null when it has left the window. */
    public HlsWindow.Segment segment(PlayerSession player, long sequence) {
        ChannelRunner runner = channels.runner(player.session().viewer().channelId());
        player.session().touched();
        return runner == null || runner.renditions() != null
                ? null
                : runner.hls().segment(sequence);
    }

    /**
     * A rendition file (rung playlist or segment) of the viewer's channel; null when the channel
     * has no renditions or the name is not one of theirs. The file may be gone already.
     */
    public Path renditionFile(PlayerSession player, String name) {
        ChannelRunner runner = channels.runner(player.session().viewer().channelId());
        HlsRenditions renditions = runner == null ? null : runner.renditions();
        player.session().touched();
        return renditions == null ? null : renditions.file(name);
    }
}
