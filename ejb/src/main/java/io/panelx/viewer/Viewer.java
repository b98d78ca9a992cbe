package io.panelx.viewer;

import java.time.Instant;

/**
 * Who is watching what, fixed when the connection is admitted. Every viewer event carries it, so
 * observers need no lookup.
 */
public record Viewer(
        String connectionId,
        long lineId,
        String lineUsername,
        long channelId,
        String channelName,
        Origin origin,
        String clientIp,
        String userAgent,
        String format,
        Instant startedAt) {}
