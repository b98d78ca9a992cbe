package io.panelx.monitoring;

import io.panelx.delivery.RunningChannels;
import io.panelx.stats.LiveStats;

/**
 * The MXBean of one running channel. It holds only the channel id; every attribute is read from a
 * fresh snapshot, and a channel that has just stopped reads as STOPPED until it is unregistered.
 */
public class RunningChannel implements ChannelMXBean {

    private final long channelId;
    private final String name;
    private final LiveStats stats;
    private final RunningChannels running;

    RunningChannel(long channelId, String name, LiveStats stats, RunningChannels running) {
        this.channelId = channelId;
        this.name = name;
        this.stats = stats;
        this.running = running;
    }

    /** The channel's figures now, or null when it is not running. */
    private LiveStats.ChannelLive live() {
        for (LiveStats.ChannelLive c : stats.snapshot().channels()) {
            if (c.channelId() == channelId) {
                return c;
            }
        }
        return null;
    }

    @Override
    public long getChannelId() {
        return channelId;
    }

    @Override
    public String getName() {
        LiveStats.ChannelLive c = live();
        return c == null || c.name() == null ? name : c.name();
    }

    @Override
    public String getState() {
        LiveStats.ChannelLive c = live();
        return c == null ? "STOPPED" : c.state().name();
    }

    @Override
    public String getOrigin() {
        LiveStats.ChannelLive c = live();
        return c == null || c.origin() == null ? null : c.origin().name();
    }

    @Override
    public int getViewers() {
        LiveStats.ChannelLive c = live();
        return c == null ? 0 : c.viewers();
    }

    @Override
    public long getBitsPerSecondIn() {
        LiveStats.ChannelLive c = live();
        return c == null ? 0 : c.bitsPerSecondIn();
    }

    @Override
    public long getBitsPerSecondOut() {
        LiveStats.ChannelLive c = live();
        return c == null ? 0 : c.bitsPerSecondOut();
    }

    @Override
    public long getUptimeSeconds() {
        LiveStats.ChannelLive c = live();
        return c == null ? 0 : c.uptimeSeconds();
    }

    @Override
    public long getFfmpegPid() {
        LiveStats.ChannelLive c = live();
        return c == null ? 0 : c.ffmpegPid();
    }

    @Override
    public int getRestarts() {
        LiveStats.ChannelLive c = live();
        return c == null ? 0 : c.restarts();
    }

    @Override
    public String getLastError() {
        LiveStats.ChannelLive c = live();
        return c == null ? null : c.lastError();
    }

    @Override
    public int getSourceIndex() {
        LiveStats.ChannelLive c = live();
        return c == null ? 0 : c.sourceIndex();
    }

    @Override
    public void stop() {
        Operations.run(() -> running.stop(channelId));
    }

    @Override
    public void restart() {
        Operations.run(() -> running.restart(channelId));
    }
}
