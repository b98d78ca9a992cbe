package io.panelx.channel;

/** A channel was created, changed or deleted; a running Feed restarts with the new sources. */
public record ChannelChanged(long channelId, boolean deleted) {}
