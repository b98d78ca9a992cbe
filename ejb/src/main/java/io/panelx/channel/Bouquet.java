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
 * A named group of channels that lines subscribe to (an Xtream panel's bouquet). Lines hold a few
 * bouquets instead of copies of their channel lists: 50,000 lines of a 500-channel bouquet are
 * 50,000 rows, not 25 million, and a channel added to the bouquet reaches all of them.
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

    protected Bouquet() {}

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
}
