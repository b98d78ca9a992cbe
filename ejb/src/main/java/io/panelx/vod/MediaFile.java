package io.panelx.vod;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * What is played: a file under the media root or an HTTP(S) URL, and what ffprobe found in it. A
 * movie and an episode each hold one.
 */
@Embeddable
public class MediaFile {

    /**
     * A path relative to panelx.vod-root, an http(s) URL, or (a recording's movie) an absolute path
     * under panelx.recordings-root.
     */
    @Column(nullable = false)
    String source;

    /** The file's extension players put in the stream URL (mp4, mkv, ...). */
    @Column(nullable = false)
    String container;

    @Column(name = "duration_seconds")
    Integer durationSeconds;

    @Column(name = "video_codec")
    String videoCodec;

    @Column(name = "audio_codec")
    String audioCodec;

    Integer width;
    Integer height;

    /** Set only for what the library scan found: its path relative to the root (the scan key). */
    @Column(name = "library_path")
    String libraryPath;

    @Column(name = "size_bytes")
    Long sizeBytes;

    /** The file's modification time (epoch millis) when it was probed: unchanged files are not. */
    @Column(name = "modified_at")
    Long modifiedAt;

    public MediaFile() {}

    public MediaFile(String source, String container) {
        this.source = source;
        this.container = container;
    }

    public String getSource() {
        return source;
    }

    public String getContainer() {
        return container;
    }

    public Integer getDurationSeconds() {
        return durationSeconds;
    }

    public String getVideoCodec() {
        return videoCodec;
    }

    public String getAudioCodec() {
        return audioCodec;
    }

    public Integer getWidth() {
        return width;
    }

    public Integer getHeight() {
        return height;
    }

    public String getLibraryPath() {
        return libraryPath;
    }

    public Long getSizeBytes() {
        return sizeBytes;
    }

    public Long getModifiedAt() {
        return modifiedAt;
    }

    public boolean isRemote() {
        return VodSource.isHttp(source);
    }

    void probed(Probe probe) {
        if (probe == null) {
            return;
        }
        durationSeconds = probe.durationSeconds();
        videoCodec = probe.videoCodec();
        audioCodec = probe.audioCodec();
        width = probe.width();
        height = probe.height();
    }
}
