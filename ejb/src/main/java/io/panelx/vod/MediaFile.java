package io.panelx.vod;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

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

    /** Where the details above came from; null for a library file the probe phase has not read. */
    @Enumerated(EnumType.STRING)
    @Column(name = "details_from")
    MediaDetails detailsFrom;

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

    public MediaDetails getDetailsFrom() {
        return detailsFrom;
    }

    public boolean isRemote() {
        return VodSource.isHttp(source);
    }

    /** What ffprobe found, at once (the admin API, recordings): nothing found keeps what was. */
    void probed(Probe probe) {
        if (probe == null) {
            return;
        }
        details(probe, MediaDetails.FFPROBE);
    }

    /** The details of a library file, from its .nfo or the probe phase: all of them replaced. */
    void details(Probe probe, MediaDetails from) {
        durationSeconds = probe.durationSeconds();
        videoCodec = probe.videoCodec();
        audioCodec = probe.audioCodec();
        width = probe.width();
        height = probe.height();
        detailsFrom = from;
    }

    /**
     * A new or changed library file without details in its .nfo: what is stored described the old
     * file, so it goes (the .nfo's partial details stay until ffprobe's replace them); the probe
     * phase reads it.
     */
    void awaitProbe(Nfo.StreamDetails partial) {
        details(
                partial == null ? new Probe(null, null, null, null, null, null) : partial.asProbe(),
                null);
    }
}
