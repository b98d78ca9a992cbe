package io.panelx.channel;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A live channel: where its stream comes from (primary source, then backups) and how. */
@Entity
public class Channel {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(nullable = false)
    String name;

    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "category_id")
    Category category;

    String logo;

    @Column(name = "epg_id")
    String epgId;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "channel_source", joinColumns = @JoinColumn(name = "channel_id"))
    @OrderColumn(name = "position")
    @Column(name = "url", nullable = false)
    List<String> sources = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(name = "delivery_mode", nullable = false)
    DeliveryMode deliveryMode = DeliveryMode.DIRECT;

    @Enumerated(EnumType.STRING)
    @Column(name = "ffmpeg_profile", nullable = false)
    FfmpegProfile ffmpegProfile = FfmpegProfile.COPY;

    @Column(name = "on_demand")
    boolean onDemand = true;

    boolean enabled = true;

    @Column(name = "sort_order")
    int sortOrder;

    @Column(name = "created_at", nullable = false)
    Instant createdAt = Instant.now();

    /** The RTMP port its push sources listen on; null when it has none (see IngestPorts). */
    @Column(name = "ingest_port", unique = true)
    Integer ingestPort;

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Category getCategory() {
        return category;
    }

    public String getLogo() {
        return logo;
    }

    public String getEpgId() {
        return epgId;
    }

    public List<String> getSources() {
        return sources;
    }

    public void setSources(List<String> sources) {
        this.sources.clear();
        this.sources.addAll(sources);
    }

    public DeliveryMode getDeliveryMode() {
        return deliveryMode;
    }

    public FfmpegProfile getFfmpegProfile() {
        return ffmpegProfile;
    }

    public boolean isOnDemand() {
        return onDemand;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public int getSortOrder() {
        return sortOrder;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Integer getIngestPort() {
        return ingestPort;
    }
}
