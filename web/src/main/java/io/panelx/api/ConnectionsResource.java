package io.panelx.api;

import io.panelx.admin.InvalidInput;
import io.panelx.admin.NotFound;
import io.panelx.ledger.ConnectionHistory;
import io.panelx.ledger.ConnectionRecord;
import io.panelx.viewer.EndReason;
import io.panelx.viewer.Origin;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Connection history (the ledger), newest first, filtered by line, channel and time range. */
@jakarta.enterprise.context.RequestScoped
@Path("/connections")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionsResource {

    public record ConnectionView(
            String id,
            long lineId,
            String lineUsername,
            long channelId,
            String channelName,
            Origin origin,
            String clientIp,
            String userAgent,
            String format,
            Instant startedAt,
            Instant endedAt,
            long bytesSent,
            EndReason endReason) {
        static ConnectionView of(ConnectionRecord r) {
            return new ConnectionView(
                    r.getId(),
                    r.getLineId(),
                    r.getLineUsername(),
                    r.getChannelId(),
                    r.getChannelName(),
                    r.getOrigin(),
                    r.getClientIp(),
                    r.getUserAgent(),
                    r.getFormat(),
                    r.getStartedAt(),
                    r.getEndedAt(),
                    r.getBytesSent(),
                    r.getEndReason());
        }
    }

    @Inject ConnectionHistory history;

    @GET
    public List<ConnectionView> list(
            @QueryParam("line") String line,
            @QueryParam("channel") String channel,
            @QueryParam("movie") String movie,
            @QueryParam("episode") String episode,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("open") String open,
            @QueryParam("limit") @DefaultValue("500") String limit) {
        var filter =
                historyFilter(
                        line,
                        channel,
                        movie,
                        episode,
                        from,
                        to,
                        open,
                        number("limit", limit).intValue());
        return history.list(filter).stream().map(ConnectionView::of).toList();
    }

    @GET
    @Path("{id}")
    public ConnectionView get(@PathParam("id") String id) {
        ConnectionRecord r = history.find(id);
        if (r == null) {
            throw new NotFound("no connection with id " + id);
        }
        return ConnectionView.of(r);
    }

    /**
     * The history filter of the query parameters shared by the list and the totals: at most one of
     * {@code channel}, {@code movie} and {@code episode} (ids of different kinds may be equal).
     */
    public static ConnectionHistory.Filter historyFilter(
            String line,
            String channel,
            String movie,
            String episode,
            String from,
            String to,
            String open,
            int limit) {
        Long channelId = number("channel", channel);
        Long movieId = number("movie", movie);
        Long episodeId = number("episode", episode);
        if ((channelId != null ? 1 : 0) + (movieId != null ? 1 : 0) + (episodeId != null ? 1 : 0)
                > 1) {
            throw new InvalidInput("give only one of channel, movie and episode");
        }
        String kind = movieId != null ? "movie" : episodeId != null ? "episode" : "channel";
        Long item = movieId != null ? movieId : episodeId != null ? episodeId : channelId;
        return new ConnectionHistory.Filter(
                number("line", line),
                kind,
                item,
                instant("from", from),
                instant("to", to),
                open == null || open.isBlank() ? null : Boolean.parseBoolean(open),
                limit);
    }

    private static Long number(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidInput(name + " must be a non-negative number");
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInput(
                    name + " must be an ISO-8601 instant, e.g. 2026-01-31T12:00:00Z");
        }
    }
}
