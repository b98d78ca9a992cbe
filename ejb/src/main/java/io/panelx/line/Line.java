package io.panelx.line;

import io.panelx.admin.PasswordHash;
import io.panelx.channel.Bouquet;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * A subscriber account. Players put its username and password in every stream URL. The password is
 * stored only as a hash; PanelX never hands it back.
 */
@Entity
public class Line {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(nullable = false, unique = true)
    String username;

    @Column(name = "password_hash", nullable = false)
    String passwordHash;

    @Column(name = "password_salt", nullable = false)
    String passwordSalt;

    boolean enabled = true;

    boolean banned;

    @Column(name = "expires_at")
    Instant expiresAt;

    @Column(name = "max_connections")
    int maxConnections = 1;

    /** Comma-separated CIDR blocks (IPv4 or IPv6); empty means any address. */
    @Column(name = "allowed_ips")
    String allowedIps;

    /** Comma-separated user-agent substrings (case-insensitive); empty means any player. */
    @Column(name = "allowed_user_agents")
    String allowedUserAgents;

    boolean trial;

    @Column(name = "created_at", nullable = false)
    Instant createdAt = Instant.now();

    /** True: every channel; false: only the channels of {@link #bouquet}. */
    @Column(name = "all_channels")
    boolean allChannels = true;

    /** Channel ids this line may watch when it is not allowed every channel. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "line_bouquet", joinColumns = @JoinColumn(name = "line_id"))
    @Column(name = "channel_id")
    Set<Long> bouquet = new HashSet<>();

    /** Named bouquets whose channels this line may watch too (lines imported from XC have them). */
    @ManyToMany(fetch = FetchType.EAGER)
    @JoinTable(
            name = "line_bouquet_ref",
            joinColumns = @JoinColumn(name = "line_id"),
            inverseJoinColumns = @JoinColumn(name = "bouquet_id"))
    Set<Bouquet> bouquets = new HashSet<>();

    /** True: every movie and series; false: only those of {@link #movies} and {@link #series}. */
    @Column(name = "all_vod")
    boolean allVod = true;

    /** Movie ids this line may watch when it is not allowed every movie and series. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "line_movie", joinColumns = @JoinColumn(name = "line_id"))
    @Column(name = "movie_id")
    Set<Long> movies = new HashSet<>();

    /** Series ids (all their episodes) this line may watch when not allowed every one. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "line_series", joinColumns = @JoinColumn(name = "line_id"))
    @Column(name = "series_id")
    Set<Long> series = new HashSet<>();

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public void setPassword(String password) {
        var hash = PasswordHash.create(password, PasswordHash.LINE_ITERATIONS);
        this.passwordHash = hash.hash();
        this.passwordSalt = hash.salt();
    }

    public PasswordHash passwordHash() {
        return new PasswordHash(passwordHash, passwordSalt, PasswordHash.LINE_ITERATIONS);
    }

    public boolean isEnabled() {
        return enabled;
    }

    public boolean isBanned() {
        return banned;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public String getAllowedIps() {
        return allowedIps;
    }

    public String getAllowedUserAgents() {
        return allowedUserAgents;
    }

    public boolean isTrial() {
        return trial;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Set<Long> getBouquet() {
        return bouquet;
    }

    /** Sets the bouquet; empty, with no named bouquets either, means every channel. */
    public void setBouquet(Set<Long> bouquet) {
        this.bouquet.clear();
        this.bouquet.addAll(bouquet);
        this.allChannels = bouquet.isEmpty() && bouquets.isEmpty();
    }

    /** Sets the named bouquets; none, with no own channels either, means every channel. */
    public void setBouquets(Set<Bouquet> named) {
        this.bouquets.clear();
        this.bouquets.addAll(named);
        this.allChannels = bouquet.isEmpty() && bouquets.isEmpty();
    }

    public Set<Bouquet> getBouquets() {
        return bouquets;
    }

    public boolean isAllChannels() {
        return allChannels;
    }

    public boolean isAllVod() {
        return allVod;
    }

    public Set<Long> getMovies() {
        return movies;
    }

    public Set<Long> getSeries() {
        return series;
    }

    /** Every movie and series (all), or only the given ones. */
    public void setVodBouquet(boolean all, Set<Long> movies, Set<Long> series) {
        this.allVod = all;
        this.movies.clear();
        this.series.clear();
        if (!all) {
            this.movies.addAll(movies);
            this.series.addAll(series);
        }
    }
}
