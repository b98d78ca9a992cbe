package io.panelx.line;

import io.panelx.admin.PasswordHash;
import io.panelx.channel.Bouquet;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/** An immutable copy of a line, cached for admission so that stream requests need no database. */
public record LineAccount(
        long id,
        String username,
        PasswordHash password,
        boolean enabled,
        boolean banned,
        Instant expiresAt,
        int maxConnections,
        CidrList allowedIps,
        List<String> allowedUserAgents,
        boolean trial,
        Instant createdAt,
        boolean allChannels,
        Set<Long> bouquet,
        boolean allVod,
        Set<Long> movies,
        Set<Long> series) {

    static LineAccount of(Line l) {
        List<String> agents =
                l.getAllowedUserAgents() == null
                        ? List.of()
                        : Arrays.stream(l.getAllowedUserAgents().split(","))
                                .map(String::trim)
                                .filter(s -> !s.isEmpty())
                                .map(s -> s.toLowerCase(Locale.ROOT))
                                .toList();
        return new LineAccount(
                l.getId(),
                l.getUsername(),
                l.passwordHash(),
                l.isEnabled(),
                l.isBanned(),
                l.getExpiresAt(),
                l.getMaxConnections(),
                CidrList.parse(l.getAllowedIps()),
                agents,
                l.isTrial(),
                l.getCreatedAt(),
                l.isAllChannels(),
                channels(l),
                l.isAllVod(),
                withBouquets(l.getMovies(), l, Bouquet::getMovies),
                withBouquets(l.getSeries(), l, Bouquet::getSeries));
    }

    /** The line's own channels and those of its bouquets. */
    private static Set<Long> channels(Line l) {
        if (l.getBouquets().isEmpty()) {
            return Set.copyOf(l.getBouquet());
        }
        var all = new HashSet<>(l.getBouquet());
        l.getBouquets().forEach(b -> all.addAll(b.getChannels()));
        return Set.copyOf(all);
    }

    /** The line's own movies (or series) and those of its named bouquets. */
    private static Set<Long> withBouquets(
            Set<Long> own, Line l, Function<Bouquet, Set<Long>> ofBouquet) {
        if (l.getBouquets().isEmpty()) {
            return Set.copyOf(own);
        }
        var all = new HashSet<>(own);
        l.getBouquets().forEach(b -> all.addAll(ofBouquet.apply(b)));
        return Set.copyOf(all);
    }

    public LineStatus status(Instant now) {
        if (banned) return LineStatus.BANNED;
        if (!enabled) return LineStatus.DISABLED;
        if (expiresAt != null && !expiresAt.isAfter(now)) return LineStatus.EXPIRED;
        return LineStatus.ACTIVE;
    }

    public boolean allowsAddress(String ip) {
        return allowedIps.isEmpty() || allowedIps.contains(ip);
    }

    public boolean allowsUserAgent(String userAgent) {
        if (allowedUserAgents.isEmpty()) {
            return true;
        }
        String ua = userAgent == null ? "" : userAgent.toLowerCase(Locale.ROOT);
        return allowedUserAgents.stream().anyMatch(ua::contains);
    }

    public boolean mayWatch(long channelId) {
        return allChannels || bouquet.contains(channelId);
    }

    /** Whether the line may watch the movie: all VOD, its own VOD bouquet or a named bouquet's. */
    public boolean mayWatchMovie(long movieId) {
        return allVod || movies.contains(movieId);
    }

    /** Whether the line may watch the series, and so each of its episodes. */
    public boolean mayWatchSeries(long seriesId) {
        return allVod || series.contains(seriesId);
    }
}
