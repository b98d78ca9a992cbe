package io.panelx.channel;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import java.util.HashSet;
import java.util.Set;

/**
 * A named group of channels, movies and series that lines subscribe to (an Xtream panel's bouquet).
 * Lines hold a few bouquets instead of copies of their lists: 50,000 lines of a 500-channel bouquet
 * are 50,000 rows, not 25 million, and a channel or movie added to the bouquet reaches all of them.
 */
@Entity
public class Bouquet {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(nullable = false)
    String name;

    @Column(name = "sort_order")
    int sortOrder;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "bouquet_channel", joinColumns = @JoinColumn(name = "bouquet_id"))
    @Column(name = "channel_id")
    Set<Long> channels = new HashSet<>();

    /** Movie ids its lines may watch (beside their own VOD bouquet). */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "bouquet_movie", joinColumns = @JoinColumn(name = "bouquet_id"))
    @Column(name = "movie_id")
    Set<Long> movies = new HashSet<>();

    /** Series ids its lines may watch, each with all its episodes. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "bouquet_series", joinColumns = @JoinColumn(name = "bouquet_id"))
    @Column(name = "series_id")
    Set<Long> series = new HashSet<>();

    protected Bouquet() {}

    public Bouquet(String name, int sortOrder) {
        this.name = name;
        this.sortOrder = sortOrder;
    }

    public void setName(String name) {
        this.name = name;
    }

    public void setSortOrder(int sortOrder) {
        this.sortOrder = sortOrder;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public int getSortOrder() {
        return sortOrder;
    }

    public Set<Long> getChannels() {
        return channels;
    }

    public Set<Long> getMovies() {
        return movies;
    }

    public Set<Long> getSeries() {
        return series;
    }
}
