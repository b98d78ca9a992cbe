package io.panelx.monitoring;

import io.panelx.delivery.OpenViewers;
import io.panelx.delivery.RunningChannels;
import io.panelx.stats.LiveStats;
import java.util.Map;
import java.util.TreeMap;

/** The panel MXBean: every attribute read is a fresh {@link LiveStats} snapshot. */
public class Panel implements PanelMXBean {

    private final LiveStats stats;
    private final RunningChannels running;
    private final OpenViewers viewers;

    Panel(LiveStats stats, RunningChannels running, OpenViewers viewers) {
        this.stats = stats;
        this.running = running;
        this.viewers = viewers;
    }

    private LiveStats.Totals totals() {
        return stats.snapshot().totals();
    }

    @Override
    public String getNode() {
        return stats.snapshot().node();
    }

    @Override
    public int getClusterNodes() {
        return stats.clusterSnapshot().nodes().size();
    }

    @Override
    public int getClusterViewers() {
        return stats.clusterSnapshot().totals().viewers();
    }

    @Override
    public long getClusterBitsPerSecondOut() {
        return stats.clusterSnapshot().totals().bitsPerSecondOut();
    }

    @Override
    public long getClusterBytesOut() {
        return stats.clusterSnapshot().totals().bytesOut();
    }

    @Override
    public int getViewers() {
        return totals().viewers();
    }

    @Override
    public int getProxyViewers() {
        return totals().proxyViewers();
    }

    @Override
    public int getFfmpegViewers() {
        return totals().ffmpegViewers();
    }

    @Override
    public long getBytesOut() {
        return totals().bytesOut();
    }

    @Override
    public long getBitsPerSecondOut() {
        return totals().bitsPerSecondOut();
    }

    @Override
    public long getBytesIn() {
        return totals().bytesIn();
    }

    @Override
    public long getBitsPerSecondIn() {
        return totals().bitsPerSecondIn();
    }

    @Override
    public int getRunningChannels() {
        return totals().runningChannels();
    }

    @Override
    public int getFfmpegProcesses() {
        return totals().ffmpegProcesses();
    }

    @Override
    public long getProxyConnectionsTotal() {
        return totals().proxyConnectionsTotal();
    }

    @Override
    public long getFfmpegConnectionsTotal() {
        return totals().ffmpegConnectionsTotal();
    }

    @Override
    public Map<String, Long> getConnectionsRefused() {
        return new TreeMap<>(totals().refused());
    }

    @Override
    public String[] getConnectionIds() {
        return stats.snapshot().connections().stream()
                .map(LiveStats.ConnectionLive::connectionId)
                .toArray(String[]::new);
    }

    @Override
    public boolean killConnection(String connectionId) {
        return Operations.call(() -> viewers.kill(connectionId));
    }

    @Override
    public int killLine(long lineId) {
        return Operations.call(() -> viewers.killLine(lineId));
    }

    @Override
    public void startChannel(long channelId) {
        Operations.run(() -> running.start(channelId));
    }

    @Override
    public void stopChannel(long channelId) {
        Operations.run(() -> running.stop(channelId));
    }

    @Override
    public void restartChannel(long channelId) {
        Operations.run(() -> running.restart(channelId));
    }
}
