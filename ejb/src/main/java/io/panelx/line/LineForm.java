package io.panelx.line;

import java.time.Instant;
import java.util.Set;

/**
 * What an admin sends to create or change a line. Null fields are left unchanged on update; the
 * password is write-only. {@code bouquet} is the line's own channel ids, {@code bouquets} the ids
 * of the named bouquets it holds.
 */
public record LineForm(
        String username,
        String password,
        Boolean enabled,
        Boolean banned,
        Instant expiresAt,
        Boolean neverExpires,
        Integer maxConnections,
        String allowedIps,
        String allowedUserAgents,
        Boolean trial,
        Set<Long> bouquet,
        Set<Long> bouquets) {}
