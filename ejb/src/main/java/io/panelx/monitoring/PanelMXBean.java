package io.panelx.monitoring;

import java.util.Map;

/** {@code io.panelx:type=Panel}: the panel as a whole, and the admin operations. */
public interface PanelMXBean {

    /** Viewer connections open now, whatever their origin. */
    int getViewers();

    /** This server's cluster node name (jboss.node.name). */
    String getNode();

    /** Nodes of the cluster that report figures (1 on a single server). */
    int getClusterNodes();

    /** Viewers on every node of the cluster (this node's on a single server). */
    int getClusterViewers();

    /** Bitrate sent to players by every node of the cluster. */
    long getClusterBitsPerSecondOut();

    /** Bytes sent to players by every node since each started. */
    long getClusterBytesOut();

    /** Viewers of direct-proxy channels. */
    int getProxyViewers();

    /** Viewers of FFmpeg channels. */
    int getFfmpegViewers();

    /** Bytes sent to players since the server started. */
    long getBytesOut();

    long getBitsPerSecondOut();

    /** Bytes received by the sources of the channels running now. */
    long getBytesIn();

    long getBitsPerSecondIn();

    /** Channels whose Feed is not stopped (starting, running, restarting or failed). */
    int getRunningChannels();

    int getFfmpegProcesses();

    /** Viewer connections admitted since the server started, by origin. */
    long getProxyConnectionsTotal();

    long getFfmpegConnectionsTotal();

    /** Requests refused since the server started, by reason (every reason, zeros included). */
    Map<String, Long> getConnectionsRefused();

    /** Ids of the open connections, oldest first: what {@link #killConnection} takes. */
    String[] getConnectionIds();

    /** Ends one connection with KILLED_BY_ADMIN; false when it is not (or no longer) open. */
    boolean killConnection(String connectionId);

    /** Ends every connection of a line with KILLED_BY_ADMIN; returns how many. */
    int killLine(long lineId);

    void startChannel(long channelId);

    void stopChannel(long channelId);

    void restartChannel(long channelId);
}
