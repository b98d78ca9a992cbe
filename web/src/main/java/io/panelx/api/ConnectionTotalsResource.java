package io.panelx.api;

import io.panelx.ledger.ConnectionHistory;
import io.panelx.ledger.ConnectionRecord;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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
 * {@code GET /api/v1/connections/totals}: the history summed per line and per watched item (a
 * channel, a movie or an episode: {@code kind}, as ids of different kinds may be equal). Open
 * connections count up to now. Summed over at most {@link ConnectionHistory#MAX_LIMIT} records, the
 * newest; {@code truncated} says when the filter matched more.
 */
@RequestScoped
@Path("/connections/totals")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionTotalsResource {

    /**
     * One line's or one item's sums; {@code kind} is {@code line}, {@code channel}, {@code movie}
     * or {@code episode}.
     */
    public record Total(
            String kind,
            long id,
            String name,
            long connections,
            long bytesSent,
            double hoursWatched) {}

    /** What a record's id names: movies and episodes have their own ids, apart from channels'. */
    private record Key(String kind, long id) {}

    public record Totals(
            long connections,
            long bytesSent,
            double hoursWatched,
            boolean truncated,
            List<Total> perLine,
            List<Total> perChannel) {}

    @Inject ConnectionHistory history;

    @GET
    public Totals totals(@BeanParam HistoryQuery query) {
        var records = history.list(query.filter(ConnectionHistory.MAX_LIMIT));
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
                per(
                        records,
                        now,
                        r -> new Key("line", r.getLineId()),
                        ConnectionRecord::getLineUsername),
                per(
                        records,
                        now,
                        r -> new Key(kind(r.getFormat()), r.getChannelId()),
                        ConnectionRecord::getChannelName));
    }

    /**
     * The kind of item a record's format names: the VOD routes record {@code movie} and {@code
     * episode}; live, HLS and timeshift formats watch a channel.
     */
    static String kind(String format) {
        return "movie".equals(format) || "episode".equals(format) ? format : "channel";
    }

    private static List<Total> per(
            List<ConnectionRecord> records,
            Instant now,
            Function<ConnectionRecord, Key> key,
            Function<ConnectionRecord, String> name) {
        Map<Key, long[]> sums = new LinkedHashMap<>();
        Map<Key, String> names = new LinkedHashMap<>();
        for (ConnectionRecord r : records) {
            Key k = key.apply(r);
            long[] s = sums.computeIfAbsent(k, x -> new long[3]);
            s[0]++;
            s[1] += r.getBytesSent();
            s[2] += watchedSeconds(r, now);
            names.putIfAbsent(k, name.apply(r));
        }
        var out = new ArrayList<Total>();
        sums.forEach(
                (k, s) ->
                        out.add(
                                new Total(
                                        k.kind(), k.id(), names.get(k), s[0], s[1], hours(s[2]))));
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
