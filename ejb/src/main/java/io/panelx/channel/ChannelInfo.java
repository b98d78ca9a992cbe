package io.panelx.channel;

import java.time.Instant;
import java.util.List;

/** An immutable copy of a channel for the stream path and the player API (no lazy loading). */
public record ChannelInfo(
        long id,
        String name,
        Long categoryId,
        String categoryName,
        String logo,
        String epgId,
        List<String> sources,
        DeliveryMode deliveryMode,
        FfmpegProfile ffmpegProfile,
        boolean onDemand,
        boolean enabled,
        int sortOrder,
        Instant createdAt,
        Integer ingestPort,
        int archiveHours) {

    public static ChannelInfo of(Channel c) {
        return new ChannelInfo(
                c.getId(),
                c.getName(),
                c.getCategory() == null ? null : c.getCategory().getId(),
                c.getCategory() == null ? null : c.getCategory().getName(),
                c.getLogo(),
                c.getEpgId(),
                List.copyOf(c.getSources()),
                c.getDeliveryMode(),
                c.getFfmpegProfile(),
                c.isOnDemand(),
                c.isEnabled(),
                c.getSortOrder(),
                c.getCreatedAt(),
                c.getIngestPort(),
                c.getArchiveHours());
    }

    /**
     * The port FFmpeg listens on for {@code source}: the channel's ingest port for a push source
     * (primary and backups share it; only one runs at a time), 0 for any other source.
     *
     * @throws IllegalStateException for a push source when the channel holds no port
     */
    public int ingestPortFor(String source) {
        if (!SourceUrl.isPush(source)) {
            return 0;
        }
        if (ingestPort == null) {
            throw new IllegalStateException(
                    "no free RTMP ingest port in panelx.rtmp-ingest-ports for this push source");
        }
        return ingestPort;
    }
}
