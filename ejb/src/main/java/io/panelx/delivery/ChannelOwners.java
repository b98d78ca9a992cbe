package io.panelx.delivery;

/**
 * Which node runs a channel's Source. IPTV providers cap the connections of an account, so a
 * cluster opens ONE upstream (or FFmpeg) per channel, on its owner; the other nodes relay the
 * owner's Feed into their own. A single server owns every channel. io.panelx.cluster implements
 * this on Infinispan.
 */
public interface ChannelOwners {

    /**
     * Claims the channel for this node unless a live node owns it. Returns null when this node runs
     * the source (it owned it or has just become the owner), else the owner's base URL to relay
     * from.
     */
    String claim(long channelId);

    /** This node stopped the channel's source: another node may own it next. */
    void release(long channelId);
}
