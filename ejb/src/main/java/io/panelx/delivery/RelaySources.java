package io.panelx.delivery;

import io.panelx.channel.ChannelInfo;

/**
 * A Source that reads a channel's Feed from the node that owns it (the internal relay route). The
 * package that knows HTTP pulls implements it; the delivery core only asks for one.
 */
public interface RelaySources {

    Source relay(ChannelInfo channel, String ownerUrl);
}
