package io.panelx.api;

import static io.panelx.api.ConnectionsResource.instant;
import static io.panelx.api.ConnectionsResource.number;

import io.panelx.admin.InvalidInput;
import io.panelx.ledger.ConnectionHistory;
import jakarta.ws.rs.QueryParam;

/**
 * The connection history's query parameters, shared by the list and the totals: a line, at most one
 * of {@code channel}, {@code movie} and {@code episode} (ids of different kinds may be equal), a
 * start-time window and open or ended.
 */
public class HistoryQuery {

    @QueryParam("line")
    String line;

    @QueryParam("channel")
    String channel;

    @QueryParam("movie")
    String movie;

    @QueryParam("episode")
    String episode;

    @QueryParam("from")
    String from;

    @QueryParam("to")
    String to;

    @QueryParam("open")
    String open;

    ConnectionHistory.Filter filter(int limit) {
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
}
