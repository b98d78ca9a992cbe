package io.panelx.api;

import io.panelx.channel.ChannelInfo;
import io.panelx.channel.DeliveryMode;
import io.panelx.channel.FfmpegProfile;
import io.panelx.channel.SourceUrl;
import java.time.Instant;
import java.util.List;

/**
 * A channel as the API shows it. A channel with a push source also shows where to publish: {@code
 * ingestPort} and {@code ingestUrl} ({@code rtmp://HOST:PORT/live/KEY} of its first push source,
 * HOST being the host the admin reached the panel at); both are null otherwise.
 */
public record ChannelView(
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
        String ingestUrl,
        int archiveHours) {

    static ChannelView of(ChannelInfo c, String host) {
        String key =
                c.ingestPort() == null
                        ? null
                        : c.sources().stream()
                                .filter(SourceUrl::isPush)
                                .findFirst()
                                .map(s -> s.substring("push:".length()))
                                .orElse(null);
        return new ChannelView(
                c.id(),
                c.name(),
                c.categoryId(),
                c.categoryName(),
                c.logo(),
                c.epgId(),
                c.sources(),
                c.deliveryMode(),
                c.ffmpegProfile(),
                c.onDemand(),
                c.enabled(),
                c.sortOrder(),
                c.createdAt(),
                key == null ? null : c.ingestPort(),
                key == null ? null : "rtmp://" + host + ":" + c.ingestPort() + "/live/" + key,
                c.archiveHours());
    }
}
