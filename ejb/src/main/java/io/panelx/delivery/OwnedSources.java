package io.panelx.delivery;

import io.panelx.channel.ChannelInfo;

/**
 * A channel's sources as one node of a cluster runs them: the owner opens the channel's own source,
 * every other node a relay from the owner. Ownership is asked at every (re)start, so a node whose
 * owner died takes the channel over at its next attempt. On a single server the claim always
 * succeeds and this adds nothing.
 */
final class OwnedSources implements SourceFactory {

    private final SourceFactory own;
    private final ChannelOwners owners;
    private final RelaySources relays;

    OwnedSources(SourceFactory own, ChannelOwners owners, RelaySources relays) {
        this.own = own;
        this.owners = owners;
        this.relays = relays;
    }

    @Override
    public boolean delivers(ChannelInfo channel) {
        return own.delivers(channel);
    }

    @Override
    public Source create(ChannelInfo channel, int index) {
        String owner = owners.claim(channel.id());
        return owner == null ? own.create(channel, index) : relays.relay(channel, owner);
    }

    @Override
    public HlsRenditions renditions(ChannelInfo channel, boolean fresh) {
        // The ladder's files are written where FFmpeg runs: a relaying node serves the Feed's HLS.
        return owners.claim(channel.id()) == null ? own.renditions(channel, fresh) : null;
    }
}
