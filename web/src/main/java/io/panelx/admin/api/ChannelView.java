package io.panelx.admin.api;

import io.panelx.channel.Channel;
import io.panelx.channel.DeliveryMode;
import io.panelx.channel.FfmpegProfile;
import java.util.List;

/** A channel as the API shows it. */
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
        int sortOrder) {

    static ChannelView of(Channel c) {
        return new ChannelView(
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
                c.getSortOrder());
    }
}
