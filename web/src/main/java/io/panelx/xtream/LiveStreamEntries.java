package io.panelx.xtream;

import io.panelx.channel.ChannelLineup;
import io.panelx.channel.ChannelLineup.LiveChannel;
import io.panelx.channel.ChannelLineup.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The get_live_streams entries of every channel, serialised once per lineup snapshot. A line's
 * answer is then only a filter and a concatenation; only {@code num} (the position in the line's
 * own list) is written per request.
 */
@ApplicationScoped
public class LiveStreamEntries {

    /** Channels without a category are listed in this one, so that players show them. */
    static final long UNCATEGORISED = 0;

    static final String UNCATEGORISED_NAME = "Uncategorized";

    @Inject ChannelLineup lineup;

    private volatile Entries cached;

    /** The serialised entries of one snapshot: each is an object's text after {@code "num":N,}. */
    record Entries(Snapshot snapshot, Map<Long, String> tails) {}

    Entries current() {
        Snapshot snapshot = lineup.snapshot();
        Entries e = cached;
        if (e == null || e.snapshot != snapshot) {
            e = new Entries(snapshot, serialise(snapshot));
            cached = e;
        }
        return e;
    }

    /**
     * XC states the archive in whole days; catch-up apps offer programmes that far back and then
     * trust {@code has_archive} of each programme, so a partial day counts as one.
     */
    static int archiveDays(int hours) {
        return hours <= 0 ? 0 : (hours + 23) / 24;
    }

    private static Map<Long, String> serialise(Snapshot snapshot) {
        var tails = new HashMap<Long, String>(snapshot.channels().size() * 2);
        for (LiveChannel c : snapshot.channels()) {
            var text = new StringWriter(320);
            long category = c.categoryId() == null ? UNCATEGORISED : c.categoryId();
            Instant added = c.createdAt() == null ? Instant.EPOCH : c.createdAt();
            try (JsonGenerator g = XtreamJson.generator(text)) {
                g.writeStartObject()
                        .write("name", c.name())
                        .write("stream_type", "live")
                        .write("stream_id", c.id())
                        .write("stream_icon", c.logo());
                if (c.epgId() == null) {
                    g.writeNull("epg_channel_id");
                } else {
                    g.write("epg_channel_id", c.epgId());
                }
                g.write("added", XtreamJson.seconds(added))
                        .write("category_id", Long.toString(category))
                        .writeStartArray("category_ids")
                        .write(category)
                        .writeEnd()
                        .write("custom_sid", "")
                        .write("tv_archive", c.archiveHours() > 0 ? 1 : 0)
                        .write("tv_archive_duration", archiveDays(c.archiveHours()))
                        .write("direct_source", "")
                        .write("thumbnail", "")
                        .writeEnd();
            }
            tails.put(c.id(), text.toString().substring(1));
        }
        return tails;
    }
}
