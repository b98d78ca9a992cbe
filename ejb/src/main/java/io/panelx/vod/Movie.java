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

/** A movie: its metadata (from an .nfo, the API or an M3U) and the file or URL it plays from. */
@Entity
public class Movie {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(nullable = false)
    String title;

    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "category_id")
    VodCategory category;

    String poster;
    String plot;
    String actors;
    String director;
    String genre;

    @Column(name = "release_date")
    String releaseDate;

    Double rating;

    @Embedded MediaFile file = new MediaFile();

    @Column(name = "added_at", nullable = false)
    Instant addedAt = Instant.now();

    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public VodCategory getCategory() {
        return category;
    }

    public String getPoster() {
        return poster;
    }

    public String getPlot() {
        return plot;
    }

    public String getActors() {
        return actors;
    }

    public String getDirector() {
        return director;
    }

    public String getGenre() {
        return genre;
    }

    public String getReleaseDate() {
        return releaseDate;
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
