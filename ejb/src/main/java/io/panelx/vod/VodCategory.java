package io.panelx.vod;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A folder of movies or of series (Xtream "vod category" / "series category"). */
@Entity
@Table(name = "vod_category")
public class VodCategory {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    VodKind kind;

    @Column(nullable = false)
    String name;

    @Column(name = "sort_order")
    int sortOrder;

    protected VodCategory() {}

    public VodCategory(VodKind kind, String name, int sortOrder) {
        this.kind = kind;
        this.name = name;
        this.sortOrder = sortOrder;
    }

    public Long getId() {
        return id;
    }

    public VodKind getKind() {
        return kind;
    }

    public String getName() {
        return name;
    }

    public int getSortOrder() {
        return sortOrder;
    }
}
