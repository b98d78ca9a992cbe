package io.panelx.api;

import io.panelx.ledger.ConnectionHistory;
import io.panelx.ledger.ConnectionRecord;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code GET /api/v1/connections/totals}: the history summed per line and per channel. Open
 * connections count up to now. Summed over at most {@link ConnectionHistory#MAX_LIMIT} records, the
 * newest; {@code truncated} says when the filter matched more.
 */
@RequestScoped
@Path("/connections/totals")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionTotalsResource {

    public record Total(
            long id, String name, long connections, long bytesSent, double hoursWatched) {}

    public record Totals(
            long connections,
            long bytesSent,
            double hoursWatched,
            boolean truncated,
            List<Total> perLine,
            List<Total> perChannel) {}

    @Inject ConnectionHistory history;

    @GET
    public Totals totals(
            @QueryParam("line") String line,
            @QueryParam("channel") String channel,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("open") String open) {
        var records =
                history.list(
                        ConnectionsResource.historyFilter(
                                line, channel, from, to, open, ConnectionHistory.MAX_LIMIT));
        Instant now = Instant.now();
        long bytes = 0;
        long seconds = 0;
        for (ConnectionRecord r : records) {
            bytes += r.getBytesSent();
            seconds += watchedSeconds(r, now);
        }
        return new Totals(
                records.size(),
                bytes,
                hours(seconds),
                records.size() >= ConnectionHistory.MAX_LIMIT,
                per(records, now, ConnectionRecord::getLineId, ConnectionRecord::getLineUsername),
                per(
                        records,
                        now,
                        ConnectionRecord::getChannelId,
                        ConnectionRecord::getChannelName));
    }

    private static List<Total> per(
            List<ConnectionRecord> records,
            Instant now,
            Function<ConnectionRecord, Long> id,
            Function<ConnectionRecord, String> name) {
        Map<Long, long[]> sums = new LinkedHashMap<>();
        Map<Long, String> names = new LinkedHashMap<>();
        for (ConnectionRecord r : records) {
            long[] s = sums.computeIfAbsent(id.apply(r), k -> new long[3]);
            s[0]++;
            s[1] += r.getBytesSent();
            s[2] += watchedSeconds(r, now);
            names.putIfAbsent(id.apply(r), name.apply(r));
        }
        var out = new ArrayList<Total>();
        sums.forEach((k, s) -> out.add(new Total(k, names.get(k), s[0], s[1], hours(s[2]))));
        out.sort(Comparator.comparingLong(Total::bytesSent).reversed());
        return out;
    }

    private static long watchedSeconds(ConnectionRecord r, Instant now) {
        Instant end = r.getEndedAt() == null ? now : r.getEndedAt();
        return Math.max(0, Duration.between(r.getStartedAt(), end).toSeconds());
    }

    private static double hours(long seconds) {
        return Math.round(seconds / 36.0) / 100.0;
    }
}
