package io.panelx.channel;

import java.util.List;

/** What an admin sends to create or change a channel. Null fields are left unchanged on update. */
public record ChannelForm(
        String name,
        Long categoryId,
        String logo,
        String epgId,
        List<String> sources,
        DeliveryMode deliveryMode,
        FfmpegProfile ffmpegProfile,
        Boolean onDemand,
        Boolean enabled,
        Integer sortOrder,
        Integer archiveHours) {}
