package io.panelx.vod;

/**
 * Where a library file's duration, codecs and picture size came from. A library file without it
 * (null) waits for the scan's probe phase.
 */
public enum MediaDetails {
    /** The .nfo's {@code <fileinfo><streamdetails>}: ffprobe was not run. */
    NFO,
    /** ffprobe read the file. */
    FFPROBE,
    /**
     * ffprobe ran and read nothing (not a video, or a timeout): not tried again until it changes.
     */
    UNREADABLE
}
