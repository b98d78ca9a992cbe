package io.panelx.vod;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import java.time.Instant;

/** A series (a TV show): metadata; its episodes are grouped in {@link Season}s. */
@Entity
public class Series extends VodItem {

    String cover;

    /** The series folder relative to the root when the library scan found it. */
    @Column(name = "library_path")
    String libraryPath;

    /** When an episode was last added or the metadata changed (Xtream "last_modified"). */
    @Column(name = "modified_at", nullable = false)
    Instant modifiedAt = Instant.now();

    public String getCover() {
        return cover;
    }

    public String getLibraryPath() {
        return libraryPath;
    }

    public Instant getModifiedAt() {
        return modifiedAt;
    }
}
