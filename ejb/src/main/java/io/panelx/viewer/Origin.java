package io.panelx.viewer;

/** Which kind of Source filled the Feed a viewer drains. The only field by which paths differ. */
public enum Origin {
    PROXY,
    FFMPEG
}
