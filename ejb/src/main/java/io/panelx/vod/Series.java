package io.panelx.vod;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import java.time.Instant;

/** A series (a TV show): metadata; its episodes are grouped in {@link Season}s. */
@Entity
public class Series {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(nullable = false)
    String title;

    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "category_id")
    VodCategory category;

    String cover;
    String plot;
    String actors;
    String director;
    String genre;

    @Column(name = "release_date")
    String releaseDate;

    Double rating;

    /** The series folder relative to the root when the library scan found it. */
    @Column(name = "library_path")
    String libraryPath;

    @Column(name = "added_at", nullable = false)
    Instant addedAt = Instant.now();

    /** When an episode was last added or the metadata changed (Xtream "last_modified"). */
    @Column(name = "modified_at", nullable = false)
    Instant modifiedAt = Instant.now();

    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public VodCategory getCategory() {
        return category;
    }

    public String getCover() {
        return cover;
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

    public String getLibraryPath() {
        return libraryPath;
    }

    public Instant getAddedAt() {
        return addedAt;
    }

    public Instant getModifiedAt() {
        return modifiedAt;
    }
}
