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
        Instant createdAt) {

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
                c.getCreatedAt());
    }
}
