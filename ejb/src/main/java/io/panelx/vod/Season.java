package io.panelx.vod;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

/** One season of a series, by number (0 holds the specials, as in Kodi). */
@Entity
public class Season {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "series_id")
    Series series;

    @Column(name = "season_number", nullable = false)
    int number;

    String name;
    String cover;

    protected Season() {}

    Season(Series series, int number) {
        this.series = series;
        this.number = number;
        this.name = number == 0 ? "Specials" : "Season " + number;
    }

    public Long getId() {
        return id;
    }

    public Series getSeries() {
        return series;
    }

    public int getNumber() {
        return number;
    }

    public String getName() {
        return name;
    }

    public String getCover() {
        return cover;
    }
}
