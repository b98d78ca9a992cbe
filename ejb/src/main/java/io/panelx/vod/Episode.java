package io.panelx.vod;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import java.time.Instant;

/** One episode: its number in its season, metadata and the file or URL it plays from. */
@Entity
public class Episode {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "season_id")
    Season season;

    @Column(name = "episode_number", nullable = false)
    int number;

    @Column(nullable = false)
    String title;

    String plot;

    @Column(name = "air_date")
    String airDate;

    Double rating;

    @Embedded MediaFile file = new MediaFile();

    @Column(name = "added_at", nullable = false)
    Instant addedAt = Instant.now();

    public Long getId() {
        return id;
    }

    public Season getSeason() {
        return season;
    }

    public int getNumber() {
        return number;
    }

    public String getTitle() {
        return title;
    }

    public String getPlot() {
        return plot;
    }

    public String getAirDate() {
        return airDate;
    }

    public Double getRating() {
        return rating;
    }

    public MediaFile getFile() {
        return file;
    }

    public Instant getAddedAt() {
        return addedAt;
    }
}
