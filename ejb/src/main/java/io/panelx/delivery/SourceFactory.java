package io.panelx.delivery;

import io.panelx.channel.ChannelInfo;

/**
 * Turns a channel's source URL into a Source. The packages that know HTTP pulls and FFmpeg
 * implement it as CDI beans; the delivery core only knows this interface, so it never depends on
 * them.
 */
public interface SourceFactory {

    /** True when this factory delivers the channel (by its delivery mode). */
    boolean delivers(ChannelInfo channel);

    /** A Source for the channel's source number {@code index} (0: primary, then the backups). */
    Source create(ChannelInfo channel, int index);

    /**
     * The adaptive HLS renditions the channel's sources write besides its Feed, or null. Called
     * when a channel starts afresh: what an earlier run left is cleared.
     */
    default HlsRenditions renditions(ChannelInfo channel, boolean fresh) {
        return null;
    }
}
