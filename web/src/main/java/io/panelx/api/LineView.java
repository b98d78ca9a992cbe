package io.panelx.api;

import io.panelx.line.Line;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * A line as the API shows it: everything but the password, which is never returned. {@code bouquet}
 * holds the line's own channel ids, {@code bouquets} the ids of the named bouquets it holds (set by
 * an admin, or imported from XC).
 */
public record LineView(
        long id,
        String username,
        String status,
        boolean enabled,
        boolean banned,
        Instant expiresAt,
        int maxConnections,
        String allowedIps,
        String allowedUserAgents,
        boolean trial,
        Instant createdAt,
        boolean allChannels,
        Set<Long> bouquet,
        Set<Long> bouquets) {

    static LineView of(Line l) {
        return new LineView(
                l.getId(),
                l.getUsername(),
                io.panelx.line.LineStatus.of(l, Instant.now()).label(),
                l.isEnabled(),
                l.isBanned(),
                l.getExpiresAt(),
                l.getMaxConnections(),
                l.getAllowedIps(),
                l.getAllowedUserAgents(),
                l.isTrial(),
                l.getCreatedAt(),
                l.isAllChannels(),
                new TreeSet<>(l.getBouquet()),
                l.getBouquets().stream()
                        .map(io.panelx.channel.Bouquet::getId)
                        .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
    }
}
