package io.panelx.viewer;

/**
 * Where a viewer's bytes come from: a Feed filled by a direct proxy or by FFmpeg, or a file on disk
 * (a movie, an episode, the archive). The only field by which delivery paths differ.
 */
public enum Origin {
    PROXY,
    FFMPEG,
    FILE
}
