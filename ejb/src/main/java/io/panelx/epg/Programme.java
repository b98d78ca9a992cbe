package io.panelx.epg;

import java.time.Instant;

/** One broadcast in the guide of an EPG channel (an XMLTV {@code <programme>}). */
public record Programme(
        long id,
        String epgChannelId,
        Instant start,
        Instant stop,
        String title,
        String description,
        String lang) {

    public boolean airsAt(Instant instant) {
        return !start.isAfter(instant) && stop.isAfter(instant);
    }
}
