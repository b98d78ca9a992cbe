package io.panelx.archive;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.Instant;

/** A scheduled recording of a channel's time window; its file outlives the rolling archive. */
@Entity
public class Recording {

    public enum Status {
        /** The window has not begun. */
        SCHEDULED,
        /** The window is on: the channel is being recorded into the archive. */
        RECORDING,
        /** The window is over: its segments are being copied out into one file. */
        STORING,
        /** The window's segments were copied out: the file can be downloaded (and is a movie). */
        COMPLETED,
        /** Nothing could be recorded (see detail). */
        FAILED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "channel_id", nullable = false)
    long channelId;

    @Column(name = "channel_name", nullable = false)
    String channelName;

    @Column(nullable = false)
    String title;

    @Column(name = "programme_id")
    Long programmeId;

    @Column(name = "starts_at", nullable = false)
    Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    Instant endsAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Status status = Status.SCHEDULED;

    long bytes;

    String detail;

    /** The VOD movie the completed recording became; it goes when the recording does. */
    @Column(name = "movie_id")
    Long movieId;

    @Column(name = "created_at", nullable = false)
    Instant createdAt = Instant.now();

    public Long getId() {
        return id;
    }

    public long getChannelId() {
        return channelId;
    }

    public String getChannelName() {
        return channelName;
    }

    public String getTitle() {
        return title;
    }

    public Long getProgrammeId() {
        return programmeId;
    }

    public Instant getStartsAt() {
        return startsAt;
    }

    public Instant getEndsAt() {
        return endsAt;
    }

    public Status getStatus() {
        return status;
    }

    public long getBytes() {
        return bytes;
    }

    public String getDetail() {
        return detail;
    }

    public Long getMovieId() {
        return movieId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
