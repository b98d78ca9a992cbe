package io.panelx.vod;

import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;

/** A movie: its metadata (from an .nfo, the API or an M3U) and the file or URL it plays from. */
@Entity
public class Movie extends VodItem {

    String poster;

    @Embedded MediaFile file = new MediaFile();

    public String getPoster() {
        return poster;
    }

    public MediaFile getFile() {
        return file;
    }
}
