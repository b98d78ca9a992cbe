package io.panelx.channel;

/** How a channel's bytes are produced; either way they land in the same Feed. */
public enum DeliveryMode {
    /** PanelX pulls the upstream itself (HTTP MPEG-TS or HLS) and relays it unchanged. */
    DIRECT,
    /** An FFmpeg process run by the FfmpegSupervisor reads the source and writes MPEG-TS. */
    FFMPEG
}
