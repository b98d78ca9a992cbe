package io.panelx.delivery;

import io.panelx.viewer.Origin;
import java.time.Instant;

/**
 * A channel's Feed changed state. {@code source} is the URL in use (index into the channel's
 * sources), {@code detail} a short human reason such as an FFmpeg exit code.
 */
public record ChannelStateChanged(
        long channelId,
        String channelName,
        ChannelState state,
        Origin origin,
        int sourceIndex,
        String detail,
        Instant at) {}
