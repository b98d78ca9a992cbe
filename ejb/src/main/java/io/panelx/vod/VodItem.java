package io.panelx.vod;

import jakarta.persistence.Column;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/**
 * What a movie and a series both are in the catalog: a title in a category with the metadata an
 * .nfo, the API or a playlist gives (each keeps its own table, these columns in both).
 */
@MappedSuperclass
public abstract class VodItem {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(nullable = false)
    String title;

    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "category_id")
    VodCategory category;

    String plot;
    String actors;
    String director;
    String genre;

    @Column(name = "release_date")
    String releaseDate;

    Double rating;

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

    public Instant getAddedAt() {
        return addedAt;
    }
}
