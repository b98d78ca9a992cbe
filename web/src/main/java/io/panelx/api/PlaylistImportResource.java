package io.panelx.api;

import io.panelx.admin.InvalidInput;
import io.panelx.channel.Category;
import io.panelx.channel.ChannelForm;
import io.panelx.channel.Channels;
import io.panelx.channel.DeliveryMode;
import io.panelx.download.HttpDownload;
import io.panelx.playlist.M3uPlaylist;
import io.panelx.vod.VodLibrary;
import io.panelx.vod.VodSource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * {@code POST /api/v1/channels/import}: creates a DIRECT channel per playlist entry. Each channel
 * is created in its own transaction, so one bad entry is reported and the others still land.
 */
@RequestScoped
@Path("/channels/import")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlaylistImportResource {

    private static final Logger LOG = Logger.getLogger(PlaylistImportResource.class.getName());

    /** Larger than any real channel list, small enough to keep a bad URL from filling memory. */
    static final int MAX_PLAYLIST_BYTES = 16 * 1024 * 1024;

    static final int MAX_ENTRIES = 10_000;

    /**
     * Either {@code url} (fetched by the server) or {@code playlist} (the uploaded file's text).
     * Imported channels are on demand unless {@code onDemand} is false: a panel should not pull
     * hundreds of upstreams nobody watches.
     */
    public record ImportRequest(String url, String playlist, Boolean onDemand) {}

    public record ImportedChannel(long id, String name, String category) {}

    public record Skipped(int entry, String name, String reason) {}

    public record ImportResult(
            int entries,
            int created,
            List<ImportedChannel> channels,
            List<String> categoriesCreated,
            List<Skipped> skipped,
            int movies,
            int episodes) {}

    @Inject Channels channels;
    @Inject VodLibrary vod;

    @POST
    public ImportResult importPlaylist(ImportRequest request) {
        if (request == null) {
            throw new InvalidInput("send {\"url\": ...} or {\"playlist\": ...}");
        }
        String text;
        if (request.playlist() != null && !request.playlist().isBlank()) {
            text = request.playlist();
        } else if (request.url() != null && !request.url().isBlank()) {
            text = fetch(request.url().strip());
        } else {
            throw new InvalidInput("send {\"url\": ...} or {\"playlist\": ...}");
        }
        List<M3uPlaylist.Entry> entries = M3uPlaylist.parse(text);
        if (entries.isEmpty()) {
            throw new InvalidInput("no channels found in the playlist");
        }
        if (entries.size() > MAX_ENTRIES) {
            throw new InvalidInput("at most " + MAX_ENTRIES + " channels per import");
        }
        boolean onDemand = request.onDemand() == null || request.onDemand();
        Map<String, Long> categories = new HashMap<>();
        var createdCategories = new ArrayList<String>();
        var created = new ArrayList<ImportedChannel>();
        var skipped = new ArrayList<Skipped>();
        int index = 0;
        int movies = 0;
        int episodes = 0;
        for (M3uPlaylist.Entry e : entries) {
            index++;
            if (VodSource.isVodUrl(e.url())) {
                // Movies and episodes (XC /movie/ and /series/ URLs, video files) join the library.
                try {
                    if (VodSource.isSeriesUrl(e.url())) {
                        if (vod.importEpisode(e.name(), e.group(), e.tvgLogo(), e.url())
                                == VodLibrary.Imported.CREATED) episodes++;
                    } else if (vod.importMovie(e.name(), e.group(), e.tvgLogo(), e.url())
                            == VodLibrary.Imported.CREATED) {
                        movies++;
                    }
                } catch (RuntimeException ex) {
                    skipped.add(new Skipped(index, e.name(), reason(ex)));
                }
                continue;
            }
            try {
                Long categoryId = null;
                if (e.group() != null) {
                    categoryId =
                            categories.computeIfAbsent(
                                    e.group(), g -> category(g, createdCategories));
                }
                var channel =
                        channels.create(
                                new ChannelForm(
                                        e.name().length() > 200
                                                ? e.name().substring(0, 200)
                                                : e.name(),
                                        categoryId,
                                        e.tvgLogo(),
                                        e.tvgId(),
                                        List.of(e.url()),
                                        DeliveryMode.DIRECT,
                                        null,
                                        onDemand,
                                        true,
                                        null,
                                        null));
                created.add(new ImportedChannel(channel.getId(), channel.getName(), e.group()));
            } catch (RuntimeException ex) {
                skipped.add(new Skipped(index, e.name(), reason(ex)));
            }
        }
        int moviesCreated = movies;
        int episodesCreated = episodes;
        LOG.info(
                () ->
                        "Playlist import: "
                                + created.size()
                                + " channels, "
                                + moviesCreated
                                + " movies, "
                                + episodesCreated
                                + " episodes created, "
                                + skipped.size()
                                + " skipped");
        return new ImportResult(
                entries.size(),
                created.size(),
                created,
                createdCategories,
                skipped,
                movies,
                episodes);
    }

    private Long category(String name, List<String> createdCategories) {
        Category existing = channels.findCategoryByName(name);
        if (existing != null) {
            return existing.getId();
        }
        createdCategories.add(name);
        return channels.createCategory(name, null).getId();
    }

    private static String fetch(String url) {
        if (!HttpDownload.isHttp(url)) {
            throw new InvalidInput("the playlist URL must be http or https");
        }
        try {
            return HttpDownload.text(
                    url, Duration.ofSeconds(30), "PanelX playlist import", MAX_PLAYLIST_BYTES);
        } catch (IOException e) {
            throw new InvalidInput("could not fetch the playlist: " + e.getMessage());
        }
    }

    /** The admin-facing reason (InvalidInput's message), not an EJB wrapper's. */
    private static String reason(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InvalidInput || c instanceof io.panelx.admin.Conflict) {
                return c.getMessage();
            }
        }
        return t.getClass().getSimpleName();
    }
}
