package io.panelx.monitoring;

/** {@code io.panelx:type=Channel,id=N,name="..."}: one running channel. */
public interface ChannelMXBean {

    long getChannelId();

    String getName();

    /** STARTING, RUNNING, RESTARTING or FAILED; STOPPED once the channel has stopped. */
    String getState();

    /** PROXY or FFMPEG. */
    String getOrigin();

    int getViewers();

    long getBitsPerSecondIn();

    long getBitsPerSecondOut();

    /** Seconds since the channel entered its current state. */
    long getUptimeSeconds();

    /** The pid of the channel's FFmpeg process, 0 for direct proxies. */
    long getFfmpegPid();

    int getRestarts();

    String getLastError();

    /** Which of the channel's sources is in use: 0 the primary, 1.. the backups. */
    int getSourceIndex();

    void stop();

    void restart();
}
